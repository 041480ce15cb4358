package io.neonclient.storcon;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.ClientConfig;
import io.neonclient.core.Generation;
import io.neonclient.core.NodeId;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.UnavailableException;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.core.internal.ClientSettings;
import io.neonclient.core.internal.HttpTransport;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Client of the Neon storage controller's HTTP API (routes of upstream {@code storage_controller/src/http.rs}).
 * The API reads like the URL: {@code storcon.tenant(id).describe()} is {@code GET /control/v1/tenant/{id}},
 * {@code storcon.shard(s).migrateTo(node)} is {@code PUT /control/v1/tenant/{shard}/migrate}.
 *
 * <p>Every request carries a token for the scope the controller checks on that route (upstream {@code check_permissions}
 * in {@code storage_controller/src/http.rs}:
 * {@code infra}, {@code admin}, {@code scrubber}, {@code pageserverapi}); one {@code admin} token satisfies all of
 * them. Only calls that are safe to repeat are retried on 503/429/408 and transport failures.
 *
 * <pre>{@code
 * var storcon = StorageControllerClient.builder().baseUri(url).configure(c -> c.withBearerToken(token)).build();
 * TenantDescription d = storcon.tenant(tenantId).describe();
 * var pageserver = PageserverClient.builder().baseUri(pageserverUrl).config(storcon.config()).build();
 * }</pre>
 *
 * Thread-safe; create one per controller and share it.
 */
public final class StorageControllerClient implements AutoCloseable {
    static final String COMPONENT = "storage controller";

    private final ClientSettings settings;
    private final HttpTransport http;

    private StorageControllerClient(ClientSettings settings) {
        this.settings = settings;
        this.http = new HttpTransport(settings);
    }

    /** A client for {@code baseUri} (e.g. {@code "http://127.0.0.1:1234"}) with {@link ClientConfig#defaults()}. */
    public static StorageControllerClient create(String baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A client for {@code baseUri} with {@link ClientConfig#defaults()}. */
    public static StorageControllerClient create(URI baseUri) {
        return builder().baseUri(baseUri).build();
    }

    /** A builder with no base URI yet and {@link ClientConfig#defaults()}. */
    public static Builder builder() {
        return new Builder(null, ClientConfig.defaults());
    }

    /** A builder holding this client's base URI and configuration, to derive a differently configured copy. */
    public Builder toBuilder() {
        return new Builder(settings.baseUri(), settings.config());
    }

    /** The controller's base URI. */
    public URI baseUri() {
        return settings.baseUri();
    }

    /** This client's configuration (tokens, timeouts, policies, TLS), to share with other clients. */
    public ClientConfig config() {
        return settings.config();
    }

    /**
     * Closes this client. Sends nothing: it waits for the calls in flight to end, then releases the connections and the
     * selector thread of the JDK {@code HttpClient} the client built. A JVM that ends with such a thread open spends
     * about 0.3 s more in its exit, so a short-lived program (a command, a job) closes its clients, e.g. with
     * try-with-resources; a service closes them at shutdown. An {@code HttpClient} given with
     * {@link ClientConfig#withHttpClient} is the caller's and stays open. Calls after this throw
     * {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        http.close();
    }

    // ---- health -------------------------------------------------------------------------------------------

    /**
     * {@code GET /status}: succeeds when the controller's HTTP listener answers (no auth).
     *
     * @throws io.neonclient.core.TransportException when it cannot be reached
     */
    public void status() {
        http.send(Request.get("/status").build());
    }

    /**
     * {@code GET /ready}: true once start-up reconciliation is done, false while the controller answers 503
     * (no auth; a 503 here is an answer, not retried).
     */
    public boolean ready() {
        return probe("/ready");
    }

    /** {@code GET /live}: true only when start-up is done and this instance is the leader; false on 503 (no auth). */
    public boolean live() {
        return probe("/live");
    }

    private boolean probe(String path) {
        try {
            http.send(Request.get(path).idempotent(false).build());
            return true;
        } catch (UnavailableException e) {
            return false;
        }
    }

    /**
     * {@code GET /control/v1/leader} (scope admin): the leader recorded in the controller's database, or empty
     * when none is recorded (body {@code null}).
     */
    public Optional<Leader> leader() {
        return Optional.ofNullable(call(Request.get("/control/v1/leader").scope(Scope.ADMIN), Json.reader(Leader.class)));
    }

    // ---- resources ----------------------------------------------------------------------------------------

    /** Pageserver nodes as a collection: {@code /control/v1/node}. */
    public Nodes nodes() {
        return new Nodes(this);
    }

    /** One pageserver node: {@code /control/v1/node/{node_id}}. */
    public NodeResource node(NodeId id) {
        return new NodeResource(this, Objects.requireNonNull(id, "node id must not be null"));
    }

    /** Safekeepers as a collection: {@code /control/v1/safekeeper}. */
    public Safekeepers safekeepers() {
        return new Safekeepers(this);
    }

    /** One safekeeper: {@code /control/v1/safekeeper/{id}}. */
    public SafekeeperResource safekeeper(NodeId id) {
        return new SafekeeperResource(this, Objects.requireNonNull(id, "safekeeper id must not be null"));
    }

    /** Tenants as a collection: {@code POST /v1/tenant}, {@code GET /control/v1/tenant}. */
    public Tenants tenants() {
        return new Tenants(this);
    }

    /** One tenant: {@code /control/v1/tenant/{tenant_id}} and {@code /v1/tenant/{tenant_id}/…}. */
    public TenantResource tenant(TenantId id) {
        return new TenantResource(this, Objects.requireNonNull(id, "tenant id must not be null"));
    }

    /** One shard: {@code /control/v1/tenant/{tenant_shard_id}/…} (a bare tenant id for unsharded tenants). */
    public ShardResource shard(TenantShardId id) {
        return new ShardResource(this, Objects.requireNonNull(id, "tenant shard id must not be null"));
    }

    /** The storage scrubber's findings: {@code /control/v1/metadata_health/…}. */
    public MetadataHealth metadataHealth() {
        return new MetadataHealth(this);
    }

    // ---- cluster-wide operations -------------------------------------------------------------------------

    /**
     * {@code PUT /control/v1/preferred_azs} (scope admin): sets the preferred availability zone of several shards.
     *
     * @return every shard given that the controller holds in memory, whether its preference changed or not (upstream's
     *     {@code update_shards_preferred_azs} in {@code storage_controller/src/service.rs}); unknown shards are left out
     */
    public List<TenantShardId> updatePreferredAzs(Map<TenantShardId, String> azByShard) {
        if (azByShard == null || azByShard.isEmpty()) {
            throw new IllegalArgumentException("azByShard must name at least one shard");
        }
        Map<String, String> body = new LinkedHashMap<>();
        azByShard.forEach((shard, az) -> body.put(Objects.requireNonNull(shard, "azByShard key").toString(),
                Validate.nonBlank("availability zone of " + shard, az)));
        return preferredAzs(body);
    }

    List<TenantShardId> preferredAzs(Map<String, String> body) {
        PreferredAzsUpdated r = call(Request.put("/control/v1/preferred_azs").json(body).scope(Scope.ADMIN).idempotent(true),
                Json.reader(PreferredAzsUpdated.class));
        return r == null ? List.of() : r.updated();
    }

    record PreferredAzsUpdated(List<TenantShardId> updated) {
        PreferredAzsUpdated {
            updated = updated == null ? List.of() : List.copyOf(updated);
        }
    }

    /**
     * {@code POST /debug/v1/reconcile_all} (scope admin): starts reconciles for every shard that needs one and
     * waits for them.
     *
     * @return how many shards it waited for; 0 means the controller is idle
     */
    public int reconcileAll() {
        Integer n = call(Request.post("/debug/v1/reconcile_all").scope(Scope.ADMIN).idempotent(true), Json.reader(Integer.class));
        return n == null ? 0 : n;
    }

    /**
     * Calls {@link #reconcileAll()} until it returns 0, as upstream's test fixtures do ({@code reconcile_until_idle}
     * in {@code test_runner/fixtures/neon_fixtures.py}).
     *
     * @throws io.neonclient.core.WaitTimeoutException with the last count when the policy's timeout passes first
     */
    public void reconcileUntilIdle(WaitPolicy policy) {
        Waiter.await("storage controller idle (reconcile_all returns 0)", Objects.requireNonNull(policy, "policy"),
                this::reconcileAll, n -> n == 0 ? WaitVerdict.done() : WaitVerdict.pending(n + " shards were still reconciling"));
    }

    /** {@link #reconcileUntilIdle(WaitPolicy)} with the client's wait policy and {@code timeout}. */
    public void reconcileUntilIdle(Duration timeout) {
        reconcileUntilIdle(settings.waitFor(timeout));
    }

    /**
     * {@code POST /debug/v1/consistency_check} (scope admin): compares the controller's memory with its database.
     *
     * @throws io.neonclient.core.ServerErrorException when they disagree (the server's message says how)
     */
    public void consistencyCheck() {
        send(Request.post("/debug/v1/consistency_check").scope(Scope.ADMIN).idempotent(true));
    }

    /** {@code GET /debug/v1/tombstone} (scope admin): deleted nodes whose ids cannot be registered again. */
    public List<Node> tombstones() {
        List<Node> r = call(Request.get("/debug/v1/tombstone").scope(Scope.ADMIN), Json.reader(new TypeReference<List<Node>>() { }));
        return r == null ? List.of() : r;
    }

    /** {@code DELETE /debug/v1/tombstone/{node_id}} (scope admin): lets a deleted node id be registered again. */
    public void deleteTombstone(NodeId id) {
        send(Request.delete("/debug/v1/tombstone/{node_id}", Objects.requireNonNull(id, "node id must not be null"))
                .scope(Scope.ADMIN).idempotent(true));
    }

    /**
     * {@code GET /debug/v1/scheduler} (scope admin): the scheduler's view of every pageserver, as upstream dumps its
     * {@code Scheduler} ({@code storage_controller/src/scheduler.rs}), ordered by node id.
     */
    public List<SchedulerNode> schedulerDump() {
        Json.Reader<WireScheduler> wire = Json.reader(WireScheduler.class);
        return call(Request.get("/debug/v1/scheduler").scope(Scope.ADMIN), body -> {
            WireScheduler w = wire.read(body);
            List<SchedulerNode> out = new ArrayList<>();
            if (w != null) {
                w.nodes().forEach((id, n) -> out.add(new SchedulerNode(NodeId.parse(id), n.shardCount(), n.attachedShardCount(),
                        n.homeShardCount(), n.az() == null ? "" : n.az(), n.maySchedule() != null && n.maySchedule().has("Yes"))));
            }
            out.sort(java.util.Comparator.comparing(SchedulerNode::node));
            return List.copyOf(out);
        });
    }

    record WireScheduler(Map<String, WireSchedulerNode> nodes) {
        WireScheduler {
            nodes = nodes == null ? Map.of() : nodes;
        }
    }

    record WireSchedulerNode(int shardCount, int attachedShardCount, int homeShardCount, String az,
                             com.fasterxml.jackson.databind.JsonNode maySchedule) {}

    /**
     * {@code POST /debug/v1/node/{node_id}/drop} (scope admin; debug and support only, upstream's {@code node_drop}
     * in {@code storage_controller/src/service.rs}): forgets the node without draining it. Its id is tombstoned, shards
     * lose their intent and observed locations on it and are <em>not</em> rescheduled; nothing is sent to the node.
     */
    public void dropNode(NodeId node) {
        send(Request.post("/debug/v1/node/{node_id}/drop", Objects.requireNonNull(node, "node"))
                .scope(Scope.ADMIN).idempotent(true));
    }

    /**
     * {@code POST /debug/v1/tenant/{tenant_id}/drop} (scope pageserverapi; debug and support only, upstream's
     * {@code tenant_drop} in {@code storage_controller/src/service.rs}): forgets every shard of the tenant in memory and
     * in the controller's database, without detaching or deleting it on pageservers.
     */
    public void dropTenant(TenantId tenant) {
        send(Request.post("/debug/v1/tenant/{tenant_id}/drop", Objects.requireNonNull(tenant, "tenant"))
                .scope(Scope.PAGESERVER_API).idempotent(true));
    }

    /**
     * {@code PUT /control/v1/step_down} (scope controller_peer, upstream's {@code step_down} in
     * {@code storage_controller/src/service.rs}): the controller stops reconciling, stops answering as leader and hands
     * back its observed state, which a new leader adopts. Asking again returns the same state.
     *
     * @return every observed location, ordered by shard then node
     */
    public List<ObservedLocation> stepDown() {
        Json.Reader<Map<String, WireObserved>> wire = Json.reader(new TypeReference<Map<String, WireObserved>>() { });
        return call(Request.put("/control/v1/step_down").scope(Scope.CONTROLLER_PEER).idempotent(true), body -> {
            Map<String, WireObserved> w = wire.read(body);
            List<ObservedLocation> out = new ArrayList<>();
            if (w != null) {
                w.forEach((shard, o) -> o.locations().forEach((node, loc) -> out.add(new ObservedLocation(
                        TenantShardId.parse(shard), NodeId.parse(node), loc == null ? Optional.empty() : loc.conf()))));
            }
            out.sort(java.util.Comparator.comparing((ObservedLocation l) -> l.shard().toString()).thenComparing(ObservedLocation::node));
            return List.copyOf(out);
        });
    }

    record WireObserved(Map<String, WireObservedLocation> locations) {
        WireObserved {
            locations = locations == null ? Map.of() : locations;
        }
    }

    record WireObservedLocation(Optional<io.neonclient.model.LocationConfig> conf) {
        WireObservedLocation {
            conf = conf == null ? Optional.empty() : conf;
        }
    }

    /**
     * {@code POST /debug/v1/inspect} with {@code {"tenant_shard_id": ..}} (scope admin, upstream's {@code inspect} in
     * {@code storage_controller/src/service.rs}): the shard's generation and the node its intent attaches it to.
     *
     * @return empty when the controller does not know the shard or does not intend it attached
     */
    public Optional<ShardAttachment> inspect(TenantShardId shard) {
        Objects.requireNonNull(shard, "shard");
        WireInspect w = call(Request.post("/debug/v1/inspect").scope(Scope.ADMIN).idempotent(true)
                .json(Map.of("tenant_shard_id", shard.toString())), Json.reader(WireInspect.class));
        return w == null || w.attachment().isEmpty() ? Optional.empty()
                : Optional.of(new ShardAttachment(Generation.of(w.attachment().get(0)), NodeId.of(w.attachment().get(1))));
    }

    record WireInspect(List<Long> attachment) {
        WireInspect {
            attachment = attachment == null ? List.of() : List.copyOf(attachment);
            if (!attachment.isEmpty() && attachment.size() != 2) {
                throw new IllegalArgumentException("attachment must be a [generation, node_id] pair, got " + attachment);
            }
        }
    }

    /**
     * {@code GET /debug/v1/tenant} (scope admin, upstream's {@code tenants_dump} in
     * {@code storage_controller/src/service.rs}): every shard the controller holds in memory, intent and observed state
     * side by side.
     *
     * @return the shards in the controller's order (by tenant shard id)
     */
    public List<TenantShardDump> tenantsDump() {
        Json.Reader<List<WireTenantShard>> wire = Json.reader(new TypeReference<List<WireTenantShard>>() { });
        return call(Request.get("/debug/v1/tenant").scope(Scope.ADMIN), body -> {
            List<WireTenantShard> w = wire.read(body);
            return w == null ? List.of() : w.stream().map(WireTenantShard::toDump).toList();
        });
    }

    record WireTenantShard(TenantShardId tenantShardId, long sequence, Optional<Long> generation, PlacementPolicy policy,
                           WireIntent intent, WireObserved observed, String splitting, String importing, String lastError,
                           int consecutiveReconcilesCount, boolean pendingComputeNotification, Optional<Long> preferredNode,
                           ShardSchedulingPolicy schedulingPolicy) {
        TenantShardDump toDump() {
            List<ObservedLocation> locations = new ArrayList<>();
            if (observed != null) {
                observed.locations().forEach((node, loc) -> locations.add(new ObservedLocation(tenantShardId, NodeId.parse(node),
                        loc == null ? Optional.empty() : loc.conf())));
            }
            locations.sort(java.util.Comparator.comparing(ObservedLocation::node));
            WireIntent i = intent == null ? new WireIntent(Optional.empty(), List.of(), Optional.empty()) : intent;
            return new TenantShardDump(tenantShardId, sequence, generation == null ? Optional.empty() : generation.map(Generation::of),
                    policy, i.attached().map(NodeId::of), i.secondary().stream().map(NodeId::of).toList(), i.preferredAzId(),
                    locations, "Splitting".equals(splitting), "Importing".equals(importing), lastError,
                    consecutiveReconcilesCount, pendingComputeNotification,
                    preferredNode == null ? Optional.empty() : preferredNode.map(NodeId::of),
                    schedulingPolicy == null ? ShardSchedulingPolicy.ACTIVE : schedulingPolicy);
        }
    }

    record WireIntent(Optional<Long> attached, List<Long> secondary, Optional<String> preferredAzId) {
        WireIntent {
            attached = attached == null ? Optional.empty() : attached;
            secondary = secondary == null ? List.of() : List.copyOf(secondary);
            preferredAzId = preferredAzId == null ? Optional.empty() : preferredAzId;
        }
    }

    /**
     * {@code POST /debug/v1/attach-hook} with {@code {"tenant_shard_id": .., "node_id": ..}} (scope admin, upstream's
     * {@code attach_hook} in {@code storage_controller/src/service.rs}; the {@code attach_hook_issue} of upstream's test
     * fixtures): a test hook that hands out the next generation for attaching {@code shard} to {@code node}, creating
     * an unsharded shard the controller does not know yet. The controller then treats the shard as attached there
     * and does not reconcile it, so the caller configures the pageserver itself.
     *
     * @return the new generation
     * @throws io.neonclient.core.ProtocolException when the answer carries no generation
     */
    public Generation attachHookIssue(TenantShardId shard, NodeId node) {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(node, "node");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_shard_id", shard.toString());
        body.put("node_id", node.value());
        Request.Builder request = Request.post("/debug/v1/attach-hook").scope(Scope.ADMIN).json(body);
        WireAttachHook w = call(request, Json.reader(WireAttachHook.class));
        if (w == null || w.gen().isEmpty()) {
            throw new io.neonclient.core.ProtocolException(request.build().operation(), 200,
                    "attach-hook answered no generation for an attach", 1, null);
        }
        return Generation.of(w.gen().get());
    }

    /**
     * {@code POST /debug/v1/attach-hook} with {@code {"tenant_shard_id": .., "node_id": null}} (scope admin; upstream's
     * {@code attach_hook_drop}): the controller forgets where {@code shard} is attached and sets its policy to
     * {@code Detached}, without telling any pageserver.
     */
    public void attachHookDrop(TenantShardId shard) {
        Objects.requireNonNull(shard, "shard");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_shard_id", shard.toString());
        body.put("node_id", null);
        send(Request.post("/debug/v1/attach-hook").scope(Scope.ADMIN).idempotent(true).json(body));
    }

    record WireAttachHook(Optional<Long> gen) {
        WireAttachHook {
            gen = gen == null ? Optional.empty() : gen;
        }
    }

    /**
     * {@code PUT /debug/v1/failpoints} with {@code [{"name": .., "actions": ..}]} (upstream's {@code failpoints_handler}
     * in {@code libs/http-utils/src/failpoints.rs}, the {@code configure_failpoints} of upstream's test fixtures; sent
     * with an admin token): configures failpoints in a testing build of the controller, in order. A stepped-down
     * controller still takes it.
     *
     * @throws io.neonclient.core.BadRequestException when an action string is malformed or the build has no failpoints
     */
    public void configureFailpoints(List<io.neonclient.core.Failpoint> failpoints) {
        send(Request.put("/debug/v1/failpoints").scope(Scope.ADMIN).idempotent(true).json(io.neonclient.core.Failpoint.body(failpoints)));
    }

    // ---- plumbing for the resource handles ---------------------------------------------------------------

    ClientSettings settings() {
        return settings;
    }

    /** Per-attempt timeout of a call the controller may hold long: the client's, but at least {@code minimum}. */
    Duration atLeast(Duration minimum) {
        Duration own = settings.requestTimeout();
        return own.compareTo(minimum) >= 0 ? own : minimum;
    }

    <T> T call(Request.Builder request, Json.Reader<T> reader) {
        return http.call(request.build(), reader);
    }

    io.neonclient.core.internal.Response send(Request.Builder request) {
        return http.send(request.build());
    }

    <T> T decode(Request.Builder request, io.neonclient.core.internal.Response response, Json.Reader<T> reader) {
        return HttpTransport.decode(request.build().operation(), response, reader);
    }

    static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : new ArrayList<>(list);
    }

    /** Builds a {@link StorageControllerClient} from a base URI and a {@link ClientConfig}. */
    public static final class Builder {
        private URI baseUri;
        private ClientConfig config;

        private Builder(URI baseUri, ClientConfig config) {
            this.baseUri = baseUri;
            this.config = config;
        }

        /** The controller's base URI, e.g. {@code http://storage-controller:1234}; a path prefix is kept. */
        public Builder baseUri(URI uri) {
            this.baseUri = ClientSettings.normalizeBaseUri("baseUri", Objects.requireNonNull(uri, "baseUri"));
            return this;
        }

        /** The controller's base URI as text, e.g. {@code "http://127.0.0.1:1234"}. */
        public Builder baseUri(String uri) {
            this.baseUri = ClientSettings.parseBaseUri("baseUri", Objects.requireNonNull(uri, "baseUri"));
            return this;
        }

        /** Every other setting (default {@link ClientConfig#defaults()}); one configuration can serve every client. */
        public Builder config(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Derives the configuration from the current one, e.g. {@code configure(c -> c.withBearerToken(token))}. */
        public Builder configure(UnaryOperator<ClientConfig> change) {
            return config(Objects.requireNonNull(change, "change").apply(config));
        }

        /** @throws IllegalArgumentException when the base URI is missing */
        public StorageControllerClient build() {
            return new StorageControllerClient(new ClientSettings(COMPONENT, baseUri, config));
        }
    }
}
