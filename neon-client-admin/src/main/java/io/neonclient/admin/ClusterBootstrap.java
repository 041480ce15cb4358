package io.neonclient.admin;

import io.neonclient.core.ConflictException;
import io.neonclient.core.NodeId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitVerdict;
import io.neonclient.core.Waiter;
import io.neonclient.storcon.CreateTenantRequest;
import io.neonclient.storcon.CreateTimelineRequest;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.RegisterNodeRequest;
import io.neonclient.storcon.Safekeeper;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.storcon.Timeline;
import io.neonclient.storcon.UpsertSafekeeperRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 */
public final class ClusterBootstrap extends PlannedRecipe {

    private ClusterBootstrap(Builder b) {
        super("ClusterBootstrap", b.journal);
        StorageControllerClient storcon = b.storcon;
        WaitPolicy wait = b.waitPolicy;
        CreateTenantRequest tenant = b.tenant;
        String tenantId = tenant == null ? "-" : tenant.tenantId().toString();
        Plan.Builder p = Plan.builder("ClusterBootstrap", "tenant=" + tenantId + " timeline=" + b.timelineId);
        p.step("controller-ready", "Wait for the storage controller to be ready (GET /ready)",
                ctx -> {
                    Conditions.controllerReady(storcon, wait, ctx);
                    return "ready";
                }, "nothing changed yet; check the controller's logs and its database, then re-run");
        p.step("pageservers-active", describePageservers(b),
                ctx -> pageservers(storcon, b.pageservers, b.expectedPageservers, wait, ctx),
                "nodes registered so far stay registered (registration is idempotent); fix the failing node and re-run");
        if (!b.safekeepers.isEmpty()) {
            p.step("safekeepers-active", "Upsert " + b.safekeepers.size()
                            + " safekeepers (POST /control/v1/safekeeper/{id}) and wait until each is Active",
                    ctx -> safekeepers(storcon, b.safekeepers, wait, ctx),
                    "upserts are idempotent; a safekeeper stuck in Activating fails its heartbeats: check it, then re-run");
        }
        if (tenant != null) {
            p.step("tenant-created", "Create tenant " + tenant.tenantId() + " with " + shards(tenant) + " (POST /v1/tenant), unless it exists",
                    ctx -> createTenant(storcon, tenant),
                    failure -> failure instanceof ConflictException
                            ? "the controller keeps a tenant it could not schedule: make enough pageservers Active and schedulable, then re-run"
                            : "re-run; creating the same tenant again is accepted");
            if (b.timelineId != null) {
                p.step("timeline-created", "Create timeline " + b.timelineId + " (bootstrap, pg " + b.pgVersion
                                + ") (POST /v1/tenant/{tenant_id}/timeline), unless it exists",
                        ctx -> createTimeline(storcon, tenant, b.timelineId, b.pgVersion),
                        "the tenant exists without this timeline; re-run to create it (the same request is accepted again)");
            }
            p.step("tenant-settled", "Wait until every shard of " + tenant.tenantId() + " is attached with its secondaries and idle",
                    ctx -> {
                        TenantDescription d = Conditions.tenantSettled(storcon, tenant.tenantId(), wait, ctx);
                        return placement(d);
                    }, "the tenant exists and the controller keeps reconciling it; run ClusterReport to see last_error, then re-run");
        }
        plan(p.build());
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

    private static String pageservers(StorageControllerClient storcon, List<RegisterNodeRequest> requests, int expected,
                                      WaitPolicy wait, StepContext ctx) {
        List<NodeId> known = storcon.nodes().list().stream().map(Node::id).toList();
        int registered = 0;
        for (RegisterNodeRequest r : requests) {
            if (!known.contains(r.nodeId())) {
                storcon.nodes().register(r);
                registered++;
            }
        }
        if (requests.isEmpty()) {
            Waiter.await(expected + " pageservers Active", wait, () -> storcon.nodes().list(),
                    nodes -> nodes.stream().filter(Conditions::isActive).count() >= expected ? WaitVerdict.done()
                            : WaitVerdict.pending(nodes.stream().filter(Conditions::isActive).count() + " of " + expected + " Active"),
                    ctx.progress());
            return expected + " pageservers Active";
        }
        for (RegisterNodeRequest r : requests) {
            Conditions.node(storcon, r.nodeId(), "Active", Conditions::isActive, wait, ctx);
        }
        return registered + " registered, " + requests.size() + " Active";
    }

    private static String safekeepers(StorageControllerClient storcon, List<UpsertSafekeeperRequest> requests, WaitPolicy wait, StepContext ctx) {
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
        return requests.size() + " Active";
    }

    private static String createTenant(StorageControllerClient storcon, CreateTenantRequest request) {
        var existing = Conditions.describe(storcon, request.tenantId());
        if (existing.isPresent()) {
            int count = existing.get().shardCount();
            int wanted = Math.max(request.shardCount(), 1);
            if (count != wanted) {
                throw new IllegalStateException("tenant " + request.tenantId() + " exists with " + count + " shards, not " + wanted);
            }
            return "already exists with " + count + " shard(s)";
        }
        var created = storcon.tenants().create(request);
        return "created, " + created.shards().size() + " shard(s) attached";
    }

    private static String createTimeline(StorageControllerClient storcon, CreateTenantRequest tenant, TimelineId id, int pgVersion) {
        boolean exists = storcon.tenant(tenant.tenantId()).timelines().list().stream().anyMatch(t -> t.timelineId().equals(id));
        if (exists) {
            return "already exists";
        }
        Timeline t = storcon.tenant(tenant.tenantId()).timelines().create(CreateTimelineRequest.bootstrap(id, pgVersion));
        return "created at " + t.lastRecordLsn();
    }

    private static String placement(TenantDescription d) {
        return d.shards().stream().map(s -> s.id().shardIndex() + "@" + s.attachedNode().map(NodeId::toString).orElse("-"))
                .collect(Collectors.joining(" ")) + " (" + d.policy() + ")";
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
