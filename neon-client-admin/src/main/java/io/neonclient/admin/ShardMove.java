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

/**
 * The runbook's manual shard migration ("{@code /migrate} of 0102 → pageserver1") as a recipe: check the target →
 * (with {@link #overridingScheduler()}) pin the tenant's scheduling to {@code Essential} so the optimiser does not
 * move the shard back → migrate → wait until attached on the target and idle. Named {@code ShardMove} so it does not
 * clash with the storage controller client's {@code ShardMigration} handle, which it uses.
 */
public final class ShardMove extends PlannedRecipe {
    private final StorageControllerClient storcon;
    private final TenantShardId shard;
    private final NodeId target;
    private final boolean override;
    private final boolean prewarm;
    private final WaitPolicy wait;

    private ShardMove(StorageControllerClient storcon, TenantShardId shard, NodeId target, boolean override, boolean prewarm,
                      Journal journal, WaitPolicy wait) {
        super("ShardMove", journal);
        this.storcon = storcon;
        this.shard = shard;
        this.target = target;
        this.override = override;
        this.prewarm = prewarm;
        this.wait = wait;
        Plan.Builder p = Plan.builder("ShardMove", "shard=" + shard + " target=" + target + " override=" + override);
        p.step("check", "Check that node " + target + " is Active and schedulable and that shard " + shard + " exists", this::check,
                "nothing changed; pick an Active target node, or pass overridingScheduler() for a worse-scoring one");
        if (override) {
            p.step("pin", "Set tenant " + shard.tenantId() + " scheduling to Essential (PUT /control/v1/tenant/{tenant_id}/policy) so the"
                            + " optimiser keeps the shard where it is put",
                    ctx -> {
                        storcon.tenant(shard.tenantId()).updateScheduling(ShardSchedulingPolicy.ESSENTIAL);
                        return "scheduling Essential: the optimiser will not move this tenant's shards back; "
                                + "set it to Active again to let it balance";
                    }, "nothing moved yet; re-run");
        }
        p.step("migrate", "Migrate shard " + shard + " to node " + target + " (PUT /control/v1/tenant/{tenant_shard_id}/migrate, prewarm="
                        + prewarm + (override ? ", override_scheduler" : "") + ")",
                this::migrate, "the controller keeps moving the shard in the background; re-run to wait for it, or move it back the same way");
        p.step("settled", "Wait until shard " + shard + " is attached on node " + target + " and not reconciling", ctx -> {
            ShardDescription s = Conditions.shardOn(storcon, shard, target, wait, ctx);
            return "attached on " + s.attachedNode().orElseThrow() + ", secondaries " + s.secondaryNodes();
        }, "the migration is under way (graceful migrations wait for the secondary to warm up); re-run to keep waiting");
        plan(p.build());
    }

    /** Prepares moving {@code shard}'s attachment to {@code target}; nothing is sent until {@link #run}. */
    public static ShardMove of(StorageControllerClient storcon, TenantShardId shard, NodeId target) {
        return new ShardMove(Objects.requireNonNull(storcon, "storcon"), Objects.requireNonNull(shard, "shard"),
                Objects.requireNonNull(target, "target"), false, true, Journal.inMemory(), storcon.config().waitPolicy());
    }

    /** Allow a worse-scoring target ({@code override_scheduler}) and pin the tenant's scheduling to {@code Essential}. */
    public ShardMove overridingScheduler() {
        return new ShardMove(storcon, shard, target, true, prewarm, journal(), wait);
    }

    /** Cut over at once instead of warming a secondary on the target first (upstream's default is to prewarm). */
    public ShardMove withoutPrewarm() {
        return new ShardMove(storcon, shard, target, override, false, journal(), wait);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public ShardMove withJournal(Journal journal) {
        return new ShardMove(storcon, shard, target, override, prewarm, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long and how often each step waits (default: the client's wait policy). Sends nothing. */
    public ShardMove withWaitPolicy(WaitPolicy wait) {
        return new ShardMove(storcon, shard, target, override, prewarm, journal(), Objects.requireNonNull(wait, "waitPolicy"));
    }

    private String check(StepContext ctx) {
        Node n = storcon.node(target).describe();
        if (n.availability() != NodeAvailability.ACTIVE) {
            throw new IllegalStateException("node " + target + " is " + n.availability() + ", not Active");
        }
        if (n.scheduling() != NodeSchedulingPolicy.ACTIVE && !override) {
            throw new IllegalStateException("node " + target + " has scheduling " + n.scheduling() + "; the controller would refuse it");
        }
        TenantDescription d = storcon.tenant(shard.tenantId()).describe();
        ShardDescription s = d.shard(shard).orElseThrow(() -> new IllegalStateException(
                "tenant " + shard.tenantId() + " has no shard " + shard + " (it has " + d.shardCount() + " shards)"));
        if (s.schedulingPolicy() == ShardSchedulingPolicy.PAUSE || s.schedulingPolicy() == ShardSchedulingPolicy.STOP) {
            if (prewarm) {
                // The optimiser skips Pause/Stop shards (storage_controller/src/service.rs), so a prewarm migration would never happen.
                throw new IllegalStateException("shard " + shard + " has scheduling " + s.schedulingPolicy()
                        + ": a prewarm migration would be accepted and never run; use withoutPrewarm()");
            }
        }
        return "shard on node " + s.attachedNode().map(NodeId::toString).orElse("-") + ", target " + target + " " + n.availability();
    }

    private String migrate(StepContext ctx) {
        ShardDescription s = storcon.tenant(shard.tenantId()).describe().shard(shard).orElseThrow();
        if (s.attachedNode().filter(target::equals).isPresent() && !s.isReconciling()) {
            return "already attached on node " + target;
        }
        MigrationConfig config = MigrationConfig.defaults().withPrewarm(prewarm).withOverrideScheduler(override);
        storcon.shard(shard).migrateTo(target, config);
        return "migration to node " + target + " started";
    }

}
