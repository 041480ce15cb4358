package io.neonclient.admin.backup;

import io.neonclient.admin.Journal;
import io.neonclient.admin.Plan;
import io.neonclient.admin.Recipe;
import io.neonclient.admin.Step;
import io.neonclient.admin.StepContext;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.model.Timeline;
import io.neonclient.storcon.StorageControllerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Retention applied: decide with a {@link RetentionPolicy} which of a tenant's catalogued snapshots go, then delete
 * their branches ({@code DELETE /v1/tenant/{tenant_id}/timeline/{timeline_id}}) and their entries. {@link #preview()}
 * is the dry run: it lists what would be deleted and why, and deletes nothing.
 *
 * <p>A snapshot with child timelines is never deleted: upstream refuses with 412 ({@code HasChildren} in
 * {@code pageserver/src/tenant/timeline/delete.rs}), and this recipe checks the tenant's timelines first (again right
 * before each delete) instead of relying on that answer. Pinned snapshots are never deleted.
 */
public final class BackupPrune implements Recipe {
    /** Every decision, with the children check applied. */
    public static final Step.Key<List<RetentionDecision>> DECIDE = Step.listKey("decide", RetentionDecision.class);
    /** The names of the snapshots deleted. */
    public static final Step.Key<List<String>> DELETE = Step.listKey("delete", String.class);

    private static final Step.Key<List<String>> DONE = Step.listKey("done", String.class);

    private record Inputs(TenantId tenant, RetentionPolicy policy) {}

    private final StorageControllerClient storcon;
    private final BackupCatalog catalog;
    private final Inputs in;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private BackupPrune(StorageControllerClient storcon, BackupCatalog catalog, Inputs in, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.catalog = catalog;
        this.in = in;
        this.journal = journal;
        this.wait = wait;
        this.plan = Plan.builder("BackupPrune", in).subject("tenant " + in.tenant())
                .step(DECIDE, "Decide which snapshots of tenant " + in.tenant() + " go under " + in.policy() + "; keep pinned ones and"
                        + " those with child timelines (GET /v1/tenant/{tenant_id}/timeline)", ctx -> preview(), "nothing changed")
                .step(DELETE, "Delete each one's branch (DELETE /v1/tenant/{tenant_id}/timeline/{timeline_id}, repeated until 200),"
                        + " checking again for children first, then its catalog entry", this::delete,
                        "some snapshots may be deleted; re-run with the same journal to finish")
                .build();
    }

    /** Retention of {@code tenant}'s snapshots in {@code catalog} under {@code policy}. Sends nothing. */
    public static BackupPrune of(StorageControllerClient storcon, BackupCatalog catalog, TenantId tenant, RetentionPolicy policy) {
        Objects.requireNonNull(storcon, "storcon");
        return new BackupPrune(storcon, Objects.requireNonNull(catalog, "catalog"),
                new Inputs(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(policy, "policy")), Journal.inMemory(),
                storcon.config().waitPolicy());
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public BackupPrune withJournal(Journal journal) {
        return new BackupPrune(storcon, catalog, in, Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long each timeline deletion may take (default: the client's wait policy). Sends nothing. */
    public BackupPrune withWaitPolicy(WaitPolicy wait) {
        return new BackupPrune(storcon, catalog, in, journal, Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    /**
     * The dry run: every snapshot of the tenant, newest first, kept or deleted and why. Sends only
     * {@code GET /v1/tenant/{tenant_id}/timeline} (to find children); deletes nothing.
     */
    public List<RetentionDecision> preview() {
        List<Timeline> timelines = storcon.tenant(in.tenant()).timelines().list();
        List<RetentionDecision> out = new ArrayList<>();
        for (RetentionDecision d : in.policy().decide(catalog.list(in.tenant()))) {
            List<TimelineId> children = children(timelines, d.entry().timeline());
            out.add(children.isEmpty() ? d : d.keptFor("has child timelines " + children
                    + " (deleting it would be refused with 412 HasChildren)"));
        }
        return out;
    }

    private static List<TimelineId> children(List<Timeline> timelines, TimelineId parent) {
        return timelines.stream().filter(t -> t.ancestorTimelineId().filter(parent::equals).isPresent()).map(Timeline::timelineId)
                .distinct().toList();
    }

    private List<String> delete(StepContext ctx) {
        List<RetentionDecision> decisions = ctx.result(DECIDE);
        List<String> done = new ArrayList<>(ctx.recall(DONE).orElse(List.of()));
        List<RetentionDecision> going = decisions.stream().filter(d -> !d.keep()).toList();
        for (RetentionDecision d : going) {
            CatalogEntry e = d.entry();
            if (done.contains(e.name())) {
                continue;
            }
            List<TimelineId> children = children(storcon.tenant(in.tenant()).timelines().list(), e.timeline());
            if (!children.isEmpty()) {
                ctx.waiting("kept " + e.name() + ": it has child timelines " + children + " since the decision");
                continue;
            }
            try {
                storcon.tenant(in.tenant()).timeline(e.timeline()).delete().await(wait, ctx.progress());
            } catch (NotFoundException alreadyGone) {
                // deleted by an earlier run killed before it recorded, or outside the catalog: only the entry is left
            }
            catalog.remove(in.tenant(), e.name());
            done.add(e.name());
            ctx.remember(DONE, done);
            ctx.waiting("deleted " + done.size() + " of " + going.size() + ": " + e.name());
        }
        return done;
    }
}
