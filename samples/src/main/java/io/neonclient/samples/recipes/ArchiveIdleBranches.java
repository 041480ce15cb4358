package io.neonclient.samples.recipes;

import io.neonclient.admin.ComputeFleet;
import io.neonclient.admin.Conditions;
import io.neonclient.admin.Journal;
import io.neonclient.admin.Plan;
import io.neonclient.admin.Recipe;
import io.neonclient.admin.Step;
import io.neonclient.admin.StepContext;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.core.NeonException;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitVerdict;
import io.neonclient.model.TimelineArchivalState;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.storcon.Node;
import io.neonclient.storcon.ShardDescription;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import io.neonclient.model.Timeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A recipe written outside neon-client's packages, on its public API only: archive every branch of a tenant that
 * has no unarchived child and no running compute, then check on every shard's pageserver that it is archived.
 * Archiving keeps a branch's data but unloads it from the pageservers; upstream refuses to archive a timeline with
 * an unarchived child ({@code pageserver/src/tenant.rs}, {@code check_to_be_archived_has_no_unarchived_children}), so
 * only leaves are picked. The root timeline is never archived.
 *
 * <pre>{@code
 * var archive = ArchiveIdleBranches.of(storcon, fleet, tenant).withJournal(Journal.file(Path.of("archive.json")));
 * archive.steps().forEach(System.out::println);                 // the plan; nothing sent
 * var result = archive.run(System.out::println);
 * result.value(ArchiveIdleBranches.ARCHIVE);                     // List<TimelineId>
 * }</pre>
 */
public final class ArchiveIdleBranches implements Recipe {
    // tag::keys[]
    /** The branches picked: not archived, every child archived, no running compute. */
    public static final Step.Key<List<TimelineId>> CANDIDATES = Step.listKey("candidates", TimelineId.class);
    /** The branches archived (a compute started on a candidate since it was picked keeps it out). */
    public static final Step.Key<List<TimelineId>> ARCHIVE = Step.listKey("archive", TimelineId.class);
    /** What the pageservers report afterwards. */
    public static final Step.Key<Verified> VERIFY = Step.key("verify", Verified.class);
    /** Note of the archive step: the branches archived so far, so a resumed run does not send them again. */
    private static final Step.Key<List<TimelineId>> DONE = Step.listKey("done", TimelineId.class);

    /** The inputs: which tenant. */
    public record Inputs(TenantId tenant) {}
    // end::keys[]

    /**
     * The archive as the pageservers report it.
     *
     * @param archived the archived branches, each reported archived by every shard's attached pageserver
     * @param shards   how many shards were asked
     */
    public record Verified(List<TimelineId> archived, int shards) {
        public Verified {
            archived = List.copyOf(archived);
        }
    }

    private final StorageControllerClient storcon;
    private final ComputeFleet fleet;
    private final Inputs in;
    private final Function<Node, PageserverClient> pageservers;
    private final Journal journal;
    private final Plan plan;

    private ArchiveIdleBranches(StorageControllerClient storcon, ComputeFleet fleet, Inputs in, Function<Node, PageserverClient> pageservers,
                                Journal journal) {
        this.storcon = storcon;
        this.fleet = fleet;
        this.in = in;
        this.pageservers = pageservers;
        this.journal = journal;
        // tag::plan[]
        this.plan = Plan.builder("ArchiveIdleBranches", in).subject("tenant " + in.tenant())
                .step(Step.of(CANDIDATES, "Pick the branches of " + in.tenant() + " with no unarchived child and no running compute"
                                + " (GET /v1/tenant/{tenant_id}/timeline, compute_ctl GET /status)", this::candidates)
                        .requires(this::settled)
                        .ifFailed("nothing changed"))
                .step(ARCHIVE, "Archive each of them (PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/archival_config \"Archived\")",
                        this::archive, "some branches may be archived; re-run with the same journal to finish, or unarchive them with"
                                + " archivalConfig(TimelineArchivalState.UNARCHIVED)")
                .step(VERIFY, "Check on every shard's pageserver that they are archived (GET /v1/tenant/{tenant_shard_id}/timeline/{timeline_id})",
                        this::verify, "the branches are archived on the controller; re-run to check the pageservers again")
                .build();
        // end::plan[]
    }

    /** Prepares archiving the idle branches of {@code tenant}; {@code fleet} says which computes run. Sends nothing. */
    public static ArchiveIdleBranches of(StorageControllerClient storcon, ComputeFleet fleet, TenantId tenant) {
        return new ArchiveIdleBranches(Objects.requireNonNull(storcon, "storcon"), Objects.requireNonNull(fleet, "fleet"),
                new Inputs(Objects.requireNonNull(tenant, "tenant")),
                n -> PageserverClient.create("http://" + n.listenHttpAddr() + ":" + n.listenHttpPort()), Journal.inMemory());
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public ArchiveIdleBranches withJournal(Journal journal) {
        return new ArchiveIdleBranches(storcon, fleet, in, pageservers, Objects.requireNonNull(journal, "journal"));
    }

    /** How to reach a pageserver for the check (default: plain HTTP to the node's listen address, no token). */
    public ArchiveIdleBranches withPageservers(Function<Node, PageserverClient> pageservers) {
        return new ArchiveIdleBranches(storcon, fleet, in, Objects.requireNonNull(pageservers, "pageservers"), journal);
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    /** Precondition: the controller's placement is settled, so shard 0 answers for the tenant. */
    private void settled(StepContext ctx) {
        TenantDescription d = Conditions.describe(storcon, in.tenant())
                .orElseThrow(() -> new IllegalStateException("tenant " + in.tenant() + " is unknown to the controller"));
        if (!(Conditions.settled(d) instanceof WaitVerdict.Done)) {
            throw new IllegalStateException("tenant " + in.tenant() + " is not settled (" + Conditions.settled(d) + "); re-run once it is");
        }
    }

    private List<TimelineId> candidates(StepContext ctx) {
        List<Timeline> timelines = storcon.tenant(in.tenant()).timelines().list();
        Set<TimelineId> withLiveChild = timelines.stream().filter(t -> !archived(t))
                .flatMap(t -> t.ancestorTimelineId().stream()).collect(Collectors.toSet());
        Set<TimelineId> withCompute = withCompute();
        return timelines.stream()
                .filter(t -> t.ancestorTimelineId().isPresent() && !archived(t))
                .map(Timeline::timelineId)
                .filter(id -> !withLiveChild.contains(id) && !withCompute.contains(id))
                .sorted(Comparator.comparing(TimelineId::toString))
                .toList();
    }

    // tag::archive[]
    private List<TimelineId> archive(StepContext ctx) {
        List<TimelineId> candidates = ctx.result(CANDIDATES);
        List<TimelineId> done = new ArrayList<>(ctx.recall(DONE).orElse(List.of()));
        Set<TimelineId> withCompute = withCompute();
        for (TimelineId branch : candidates) {
            if (done.contains(branch) || withCompute.contains(branch)) {
                continue;
            }
            storcon.tenant(in.tenant()).timeline(branch).archivalConfig(TimelineArchivalState.ARCHIVED);
            done.add(branch);
            ctx.remember(DONE, done);
            ctx.waiting("archived " + done.size() + " of " + candidates.size() + ": " + branch);
        }
        return done;
    }
    // end::archive[]

    private Verified verify(StepContext ctx) {
        List<TimelineId> archived = ctx.result(ARCHIVE);
        Map<NodeId, Node> nodes = storcon.nodes().list().stream().collect(Collectors.toMap(Node::id, n -> n));
        List<ShardDescription> shards = storcon.tenant(in.tenant()).describe().shards();
        for (ShardDescription s : shards) {
            Node node = nodes.get(s.attachedNode().orElseThrow(() -> new IllegalStateException("shard " + s.id() + " is not attached")));
            PageserverClient ps = pageservers.apply(node);
            for (TimelineId branch : archived) {
                var t = ps.timeline(s.id(), branch).describe();
                if (!t.isArchived().orElse(false)) {
                    throw new IllegalStateException("pageserver " + node.id() + " reports " + branch + " on " + s.id() + " as not archived");
                }
            }
        }
        return new Verified(archived, shards.size());
    }

    private static boolean archived(Timeline t) {
        return t.isArchived().orElse(false);
    }

    /** The timelines a compute of the tenant runs on; a compute that does not answer counts as not running. */
    private Set<TimelineId> withCompute() {
        Set<TimelineId> out = new HashSet<>();
        for (ComputeClient c : fleet.computesOf(in.tenant())) {
            try {
                var state = c.status();
                if (state.status() != ComputeStatus.TERMINATED && state.status() != ComputeStatus.FAILED) {
                    state.timelineId().ifPresent(out::add);
                }
            } catch (NeonException unreachable) {
                // not running
            }
        }
        return out;
    }
}
