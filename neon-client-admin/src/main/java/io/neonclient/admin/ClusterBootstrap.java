package io.neonclient.admin;

import io.neonclient.core.ConflictException;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.model.Timeline;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.RegisterNodeRequest;
import io.neonclient.storcon.Safekeeper;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.ShardLocation;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.storcon.UpsertSafekeeperRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The runbook's "Quick Infrastructure Startup" as one idempotent call: controller ready → pageservers registered
 * and {@code Active} → safekeepers upserted and {@code Active} → tenant created → timeline created → tenant
 * settled. Every step looks before it acts, so running it on a bootstrapped cluster changes nothing.
 *
 * <pre>{@code
 * var bootstrap = ClusterBootstrap.builder(storcon)
 *         .pageserver(RegisterNodeRequest.of(NodeId.of(1), "ps-1", 6400, "ps-1", 9898, "az-a"))
 *         .safekeeper(UpsertSafekeeperRequest.of(NodeId.of(1), "us-central", "sk-1", 5454, 7676, "az-a"))
 *         .tenant(CreateTenantRequest.sharded(tenant, 2, StripeSize.DEFAULT).withPlacement(PlacementPolicy.attached(1)))
 *         .timeline(timeline, 16)
 *         .build();
 * bootstrap.steps().forEach(System.out::println);
 * bootstrap.run(System.out::println);
 * }</pre>
 *
 * <p>What it could destroy: an existing tenant or timeline, by creating over it. Refuses when:
 * <ul>
 *   <li>the tenant exists with another shard count ({@code GET /control/v1/tenant/{tenant_id}}): it is never
 *   re-created or split to match;</li>
 *   <li>no pageserver registration or expected count is given, or a timeline is given without a tenant.</li>
 * </ul>
 * A registered node id is not registered again and an existing timeline is not created again (both read first), so
 * a run on a bootstrapped cluster changes nothing.
 */
public final class ClusterBootstrap implements Recipe {
    /** When the controller answered {@code GET /ready} with 200. */
    public static final Step.Key<Instant> CONTROLLER_READY = Step.key("controller-ready", Instant.class);
    /** The pageservers this run registered, and those Active. */
    public static final Step.Key<Registered> PAGESERVERS_ACTIVE = Step.key("pageservers-active", Registered.class);
    /** The safekeepers upserted, all Active (only when safekeepers were given). */
    public static final Step.Key<Registered> SAFEKEEPERS_ACTIVE = Step.key("safekeepers-active", Registered.class);
    /** The tenant's shards (skipped when the tenant already exists with the shard count asked for). */
    public static final Step.Key<List<TenantShardId>> TENANT_CREATED = Step.listKey("tenant-created", TenantShardId.class);
    /** The timeline (skipped when it already exists). */
    public static final Step.Key<TimelineId> TIMELINE_CREATED = Step.key("timeline-created", TimelineId.class);
    /** The tenant attached with its secondaries and idle. */
    public static final Step.Key<TenantDescription> TENANT_SETTLED = Step.key("tenant-settled", TenantDescription.class);
    /** The shard whose pageserver preserved the timeline's initdb archive (only with {@link Builder#preserveInitdb()}). */
    public static final Step.Key<TenantShardId> INITDB_PRESERVED = Step.key("initdb-preserved", TenantShardId.class);

    /**
     * Nodes a step registered and waited for.
     *
     * @param registered the nodes this run registered or upserted (empty when they were all known already)
     * @param active     the nodes found Active
     */
    public record Registered(List<NodeId> registered, List<NodeId> active) {
        public Registered {
            registered = List.copyOf(registered);
            active = List.copyOf(active);
        }
    }

    private record Inputs(TenantId tenant, TimelineId timeline) {}

    private final Plan plan;
    private final Journal journal;

    private ClusterBootstrap(Builder b) {
        this.journal = b.journal;
        StorageControllerClient storcon = b.storcon;
        WaitPolicy wait = b.waitPolicy;
        CreateTenantRequest tenant = b.tenant;
        Plan.Builder p = Plan.builder("ClusterBootstrap", new Inputs(tenant == null ? null : tenant.tenantId(), b.timelineId))
                .subject("cluster " + storcon.baseUri());
        p.step(CONTROLLER_READY, "Wait for the storage controller to be ready (GET /ready)",
                ctx -> {
                    Conditions.controllerReady(storcon, wait, ctx);
                    return Instant.now();
                }, "nothing changed yet; check the controller's logs and its database, then re-run");
        p.step(PAGESERVERS_ACTIVE, describePageservers(b),
                ctx -> pageservers(storcon, b.pageservers, b.expectedPageservers, wait, ctx),
                "nodes registered so far stay registered (registration is idempotent); fix the failing node and re-run");
        if (!b.safekeepers.isEmpty()) {
            p.step(SAFEKEEPERS_ACTIVE, "Upsert " + b.safekeepers.size()
                            + " safekeepers (POST /control/v1/safekeeper/{id}) and wait until each is Active",
                    ctx -> safekeepers(storcon, b.safekeepers, wait, ctx),
                    "upserts are idempotent; a safekeeper stuck in Activating fails its heartbeats: check it, then re-run");
        }
        if (tenant != null) {
            p.step(Step.of(TENANT_CREATED, "Create tenant " + tenant.tenantId() + " with " + shards(tenant) + " (POST /v1/tenant), unless it exists",
                            ctx -> storcon.tenants().create(tenant).shards().stream().map(ShardLocation::shardId).toList())
                    .skipWhen(ctx -> existingShards(storcon, tenant))
                    .ifFailed(failure -> failure instanceof ConflictException
                            ? "the controller keeps a tenant it could not schedule: make enough pageservers Active and schedulable, then re-run"
                            : "re-run; creating the same tenant again is accepted"));
            if (b.timelineId != null) {
                TimelineId id = b.timelineId;
                p.step(Step.of(TIMELINE_CREATED, "Create timeline " + id + " (bootstrap, pg " + b.pgVersion
                                        + ") (POST /v1/tenant/{tenant_id}/timeline), unless it exists",
                                ctx -> storcon.tenant(tenant.tenantId()).timelines().create(CreateTimelineRequest.bootstrap(id, b.pgVersion))
                                        .timelineId())
                        .skipWhen(ctx -> storcon.tenant(tenant.tenantId()).timelines().list().stream().anyMatch(t -> t.timelineId().equals(id))
                                ? Optional.of(id) : Optional.empty())
                        .ifFailed("the tenant exists without this timeline; re-run to create it (the same request is accepted again)"));
            }
            p.step(TENANT_SETTLED, "Wait until every shard of " + tenant.tenantId() + " is attached with its secondaries and idle",
                    ctx -> Conditions.tenantSettled(storcon, tenant.tenantId(), wait, ctx),
                    "the tenant exists and the controller keeps reconciling it; run ClusterReport to see last_error, then re-run");
            if (b.timelineId != null && b.preserveInitdb) {
                TimelineId id = b.timelineId;
                p.step(INITDB_PRESERVED, "Preserve timeline " + id + "'s initdb archive so WalRecovery can rebuild it after a deletion (POST"
                        + " /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/preserve_initdb_archive on shard zero's pageserver)", ctx -> {
                            var zero = new WalSources(storcon, n -> Placements.pageserver(storcon, n), List.of()).shards(tenant.tenantId()).get(0);
                            zero.pageserver().timeline(zero.shard(), id).preserveInitdbArchive();
                            return zero.shard();
                        }, "the cluster is bootstrapped; re-run to preserve the initdb archive (the copy is idempotent)");
            }
        }
        this.plan = p.build();
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private static String shards(CreateTenantRequest t) {
        return t.shardCount() == 0 ? "no sharding" : t.shardCount() + " shards of " + t.stripeSize().pages() + " pages";
    }

    private static String describePageservers(Builder b) {
        if (b.pageservers.isEmpty()) {
            return "Wait until " + b.expectedPageservers + " pageservers have registered themselves and are Active (GET /control/v1/node)";
        }
        return "Register pageservers " + b.pageservers.stream().map(r -> r.nodeId().toString()).collect(Collectors.joining(", "))
                + " (POST /control/v1/node) and wait until each is Active";
    }

    private static Registered pageservers(StorageControllerClient storcon, List<RegisterNodeRequest> requests, int expected,
                                          WaitPolicy wait, StepContext ctx) {
        List<NodeId> known = storcon.nodes().list().stream().map(Node::id).toList();
        List<NodeId> registered = new ArrayList<>();
        for (RegisterNodeRequest r : requests) {
            if (!known.contains(r.nodeId())) {
                storcon.nodes().register(r);
                registered.add(r.nodeId());
            }
        }
        if (requests.isEmpty()) {
            List<Node> nodes = Waiter.await(expected + " pageservers Active", wait, () -> storcon.nodes().list(),
                    list -> list.stream().filter(Conditions::isActive).count() >= expected ? WaitVerdict.done()
                            : WaitVerdict.pending(list.stream().filter(Conditions::isActive).count() + " of " + expected + " Active"),
                    ctx.progress());
            return new Registered(registered, nodes.stream().filter(Conditions::isActive).map(Node::id).toList());
        }
        for (RegisterNodeRequest r : requests) {
            Conditions.node(storcon, r.nodeId(), "Active", Conditions::isActive, wait, ctx);
        }
        return new Registered(registered, requests.stream().map(RegisterNodeRequest::nodeId).toList());
    }

    private static Registered safekeepers(StorageControllerClient storcon, List<UpsertSafekeeperRequest> requests, WaitPolicy wait,
                                          StepContext ctx) {
        for (UpsertSafekeeperRequest r : requests) {
            storcon.safekeeper(r.id()).upsert(r);
        }
        List<NodeId> ids = requests.stream().map(UpsertSafekeeperRequest::id).toList();
        // A new safekeeper is Activating until its first heartbeat (storage_controller/src/service.rs).
        Waiter.await("safekeepers " + ids + " Active", wait, () -> storcon.safekeepers().list(),
                list -> {
                    List<NodeId> notActive = new ArrayList<>(ids);
                    list.stream().filter(s -> s.schedulingPolicy() == SkSchedulingPolicy.ACTIVE).map(Safekeeper::id).forEach(notActive::remove);
                    return notActive.isEmpty() ? WaitVerdict.done() : WaitVerdict.pending("not Active yet: " + notActive);
                }, ctx.progress());
        return new Registered(ids, ids);
    }

    /** The shards of the tenant if it exists with the shard count asked for; refuses one with another count. */
    private static Optional<List<TenantShardId>> existingShards(StorageControllerClient storcon, CreateTenantRequest request) {
        return Conditions.describe(storcon, request.tenantId()).map(d -> {
            int wanted = Math.max(request.shardCount(), 1);
            if (d.shardCount() != wanted) {
                throw new IllegalStateException("tenant " + request.tenantId() + " exists with " + d.shardCount() + " shards, not " + wanted);
            }
            return d.shards().stream().map(ShardDescription::id).toList();
        });
    }

    /** Starts describing a bootstrap against {@code storcon}; nothing is sent until {@link #run}. */
    public static Builder builder(StorageControllerClient storcon) {
        return new Builder(storcon);
    }


    public static final class Builder {
        private final StorageControllerClient storcon;
        private final List<RegisterNodeRequest> pageservers = new ArrayList<>();
        private final List<UpsertSafekeeperRequest> safekeepers = new ArrayList<>();
        private int expectedPageservers;
        private CreateTenantRequest tenant;
        private TimelineId timelineId;
        private int pgVersion = 17;
        private boolean preserveInitdb;
        private Journal journal = Journal.inMemory();
        private WaitPolicy waitPolicy;

        private Builder(StorageControllerClient storcon) {
            this.storcon = Objects.requireNonNull(storcon, "storcon");
            this.waitPolicy = storcon.config().waitPolicy();
        }

        /** A pageserver to register (deployments whose pageservers do not self-register through re-attach). */
        public Builder pageserver(RegisterNodeRequest request) {
            pageservers.add(Objects.requireNonNull(request, "pageserver"));
            return this;
        }

        /** For self-registering pageservers: wait until this many are Active. */
        public Builder expectPageservers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("expectPageservers must be >= 1, got " + count);
            }
            this.expectedPageservers = count;
            return this;
        }

        /** A safekeeper to upsert ({@code POST /control/v1/safekeeper/{id}}, idempotent) and wait for until Active. */
        public Builder safekeeper(UpsertSafekeeperRequest request) {
            safekeepers.add(Objects.requireNonNull(request, "safekeeper"));
            return this;
        }

        /** The tenant to create ({@code POST /v1/tenant}) unless the controller already has it. */
        public Builder tenant(CreateTenantRequest request) {
            this.tenant = Objects.requireNonNull(request, "tenant");
            return this;
        }

        /**
         * Also preserve the timeline's initdb archive ({@code POST …/preserve_initdb_archive}, pageserver/src/http/routes.rs),
         * the preparation {@link WalRecovery} needs to rebuild it from WAL. Sends nothing now.
         */
        public Builder preserveInitdb() {
            this.preserveInitdb = true;
            return this;
        }

        /** The tenant's first timeline, created with initdb for Postgres {@code pgVersion} (14 to 17). */
        public Builder timeline(TimelineId id, int pgVersion) {
            if (pgVersion < 14 || pgVersion > 17) {
                throw new IllegalArgumentException("pgVersion must be 14..17, got " + pgVersion);
            }
            this.timelineId = Objects.requireNonNull(id, "timeline");
            this.pgVersion = pgVersion;
            return this;
        }

        /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). */
        public Builder journal(Journal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /** How long and how often each step waits (default: the client's wait policy). */
        public Builder waitPolicy(WaitPolicy policy) {
            this.waitPolicy = Objects.requireNonNull(policy, "waitPolicy");
            return this;
        }

        /** The recipe; throws {@link IllegalArgumentException} when no pageservers are given or a timeline lacks its tenant. */
        public ClusterBootstrap build() {
            if (pageservers.isEmpty() && expectedPageservers == 0) {
                throw new IllegalArgumentException("ClusterBootstrap needs pageserver(..) registrations or expectPageservers(n)");
            }
            if (timelineId != null && tenant == null) {
                throw new IllegalArgumentException("ClusterBootstrap timeline(..) needs tenant(..)");
            }
            return new ClusterBootstrap(this);
        }
    }
}
