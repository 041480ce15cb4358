package io.neonclient.admin;

import io.neonclient.core.NodeId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.storcon.MigrationConfig;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.NodeAvailability;
import io.neonclient.storcon.NodeSchedulingPolicy;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.util.Objects;
import java.util.Optional;

/**
 * The runbook's manual shard migration ("{@code /migrate} of 0102 → pageserver1") as a recipe: check the target →
 * (with {@link #overridingScheduler()}) pin the tenant's scheduling to {@code Essential} so the optimiser does not
 * move the shard back → migrate → wait until attached on the target and idle. Named {@code ShardMove} so it does not
 * clash with the storage controller client's {@code ShardMigration} handle, which it uses.
 *
 * <p>What it could destroy: the shard's availability, by moving it where it cannot be served. Refuses (in the check
 * step, with nothing changed) when:
 * <ul>
 *   <li>the target node is not {@code Active} ({@code GET /control/v1/node/{node_id}}), or its scheduling is not
 *   {@code Active} unless {@link #overridingScheduler()} is given;</li>
 *   <li>the tenant has no such shard ({@code GET /control/v1/tenant/{tenant_id}});</li>
 *   <li>a prewarm move is asked of a shard whose scheduling is {@code Pause} or {@code Stop}, which the optimiser never
 *   runs.</li>
 * </ul>
 * The migrate step is skipped when the shard is already attached on the target and idle.
 */
public final class ShardMove implements Recipe {
    /** The shard as found before anything is sent. */
    public static final Step.Key<ShardDescription> CHECK = Step.key("check", ShardDescription.class);
    /** The tenant's scheduling after pinning ({@code Essential}); only with {@link #overridingScheduler()}. */
    public static final Step.Key<ShardSchedulingPolicy> PIN = Step.key("pin", ShardSchedulingPolicy.class);
    /** The node the shard was attached to when the migration was requested (skipped when already on the target). */
    public static final Step.Key<NodeId> MIGRATE = Step.key("migrate", NodeId.class);
    /** The shard attached on the target and idle. */
    public static final Step.Key<ShardDescription> SETTLED = Step.key("settled", ShardDescription.class);

    private record Inputs(TenantShardId shard, NodeId target, boolean overrideScheduler, boolean prewarm) {}

    private final StorageControllerClient storcon;
    private final Inputs in;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private ShardMove(StorageControllerClient storcon, Inputs in, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.in = in;
        this.journal = journal;
        this.wait = wait;
        TenantShardId shard = in.shard();
        NodeId target = in.target();
        Plan.Builder p = Plan.builder("ShardMove", in).subject("shard " + shard);
        p.step(Step.of(CHECK, "Check that node " + target + " is Active and schedulable and that shard " + shard + " exists", this::check)
                .ifFailed(failure -> failure instanceof io.neonclient.core.NeonException
                        // The check could not read the cluster: the advice is about reaching it, not about the target.
                        ? "nothing changed; the check could not read node " + target + " or the tenant from the controller"
                        : "nothing changed; pick an Active target node, or override the scheduler to accept a worse-scoring one"));
        if (in.overrideScheduler()) {
            p.step(PIN, "Set tenant " + shard.tenantId() + " scheduling to Essential (PUT /control/v1/tenant/{tenant_id}/policy) so the"
                            + " optimiser keeps the shard where it is put; set it to Active again to let it balance",
                    ctx -> {
                        storcon.tenant(shard.tenantId()).updateScheduling(ShardSchedulingPolicy.ESSENTIAL);
                        return ShardSchedulingPolicy.ESSENTIAL;
                    }, "nothing moved yet; re-run");
        }
        p.step(Step.of(MIGRATE, "Migrate shard " + shard + " to node " + target + " (PUT /control/v1/tenant/{tenant_shard_id}/migrate,"
                        + " prewarm=" + in.prewarm() + (in.overrideScheduler() ? ", override_scheduler" : "") + ")", this::migrate)
                .skipWhen(ctx -> {
                    ShardDescription s = describeShard();
                    return s.attachedNode().filter(target::equals).isPresent() && !s.isReconciling() ? Optional.of(target) : Optional.empty();
                })
                .ifFailed("the controller keeps moving the shard in the background; re-run to wait for it, or move it back the same way"));
        p.step(SETTLED, "Wait until shard " + shard + " is attached on node " + target + " and not reconciling",
                ctx -> Conditions.shardOn(storcon, shard, target, wait, ctx),
                "the migration is under way (graceful migrations wait for the secondary to warm up); re-run to keep waiting");
        this.plan = p.build();
    }

    /** Prepares moving {@code shard}'s attachment to {@code target}; nothing is sent until {@link #run}. */
    public static ShardMove of(StorageControllerClient storcon, TenantShardId shard, NodeId target) {
        return new ShardMove(Objects.requireNonNull(storcon, "storcon"), new Inputs(Objects.requireNonNull(shard, "shard"),
                Objects.requireNonNull(target, "target"), false, true), Journal.inMemory(), storcon.config().waitPolicy());
    }

    /** Allow a worse-scoring target ({@code override_scheduler}) and pin the tenant's scheduling to {@code Essential}. */
    public ShardMove overridingScheduler() {
        return new ShardMove(storcon, new Inputs(in.shard(), in.target(), true, in.prewarm()), journal, wait);
    }

    /** Cut over at once instead of warming a secondary on the target first (upstream's default is to prewarm). */
    public ShardMove withoutPrewarm() {
        return new ShardMove(storcon, new Inputs(in.shard(), in.target(), in.overrideScheduler(), false), journal, wait);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public ShardMove withJournal(Journal journal) {
        return new ShardMove(storcon, in, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public ShardMove withWaitPolicy(WaitPolicy wait) {
        return new ShardMove(storcon, in, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private ShardDescription describeShard() {
        return storcon.tenant(in.shard().tenantId()).describe().shard(in.shard()).orElseThrow();
    }

    private ShardDescription check(StepContext ctx) {
        TenantShardId shard = in.shard();
        NodeId target = in.target();
        Node n = storcon.node(target).describe();
        if (n.availability() != NodeAvailability.ACTIVE) {
            throw new IllegalStateException("node " + target + " is " + n.availability() + ", not Active");
        }
        if (n.scheduling() != NodeSchedulingPolicy.ACTIVE && !in.overrideScheduler()) {
            throw new IllegalStateException("node " + target + " has scheduling " + n.scheduling() + "; the controller would refuse it");
        }
        TenantDescription d = storcon.tenant(shard.tenantId()).describe();
        ShardDescription s = d.shard(shard).orElseThrow(() -> new IllegalStateException(
                "tenant " + shard.tenantId() + " has no shard " + shard + " (it has " + d.shardCount() + " shards)"));
        if (s.schedulingPolicy() == ShardSchedulingPolicy.PAUSE || s.schedulingPolicy() == ShardSchedulingPolicy.STOP) {
            if (in.prewarm()) {
                // The optimiser skips Pause/Stop shards (storage_controller/src/service.rs, optimize_all_plan), so a prewarm
                // migration would be accepted and never happen.
                throw new IllegalStateException("shard " + shard + " has scheduling " + s.schedulingPolicy()
                        + ": a prewarm migration would be accepted and never run; migrate without prewarm");
            }
        }
        return s;
    }

    private NodeId migrate(StepContext ctx) {
        NodeId from = describeShard().attachedNode().orElse(in.target());
        MigrationConfig config = MigrationConfig.defaults().withPrewarm(in.prewarm()).withOverrideScheduler(in.overrideScheduler());
        storcon.shard(in.shard()).migrateTo(in.target(), config);
        return from;
    }
}
