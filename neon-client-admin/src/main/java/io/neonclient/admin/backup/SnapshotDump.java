package io.neonclient.admin.backup;

import io.neonclient.admin.Journal;
import io.neonclient.admin.Placements;
import io.neonclient.admin.Plan;
import io.neonclient.admin.Recipe;
import io.neonclient.admin.Step;
import io.neonclient.admin.StepContext;
import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeMode;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeState;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.compute.TerminateMode;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.WaitPolicy;
import io.neonclient.model.TimelineArchivalState;
import io.neonclient.storcon.StorageControllerClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A logical dump that matches its snapshot: a compute_ctl is re-configured to a read-only compute on the snapshot
 * branch pinned at the snapshot's LSN (spec {@code "mode": {"Static": "<lsn>"}}, upstream {@code ComputeMode} in
 * {@code libs/compute_api/src/spec.rs}), {@code pg_dump} reads its Postgres ({@link LogicalDump}), and the compute is put
 * back as it was: a registered compute gets its registered spec again ({@code POST /configure}), a compute_ctl that was
 * waiting empty for a spec is stopped ({@code POST /terminate}), since compute_ctl cannot go back to empty. An archived
 * snapshot is unarchived for the dump and archived again afterwards. Each step checks whether it is done, so a run
 * killed anywhere resumes from its journal.
 *
 * <p>compute_ctl does not say where its Postgres listens (its {@code --connstr} is a start-up argument only,
 * {@code compute_tools/src/bin/compute_ctl.rs}), so the Postgres address is given with the compute.
 */
public final class SnapshotDump implements Recipe {
    /** The snapshot, and the compute's status before anything changed. */
    public static final Step.Key<ComputeStatus> CHECK = Step.key("check", ComputeStatus.class);
    /** Whether the snapshot had to be unarchived. */
    public static final Step.Key<Boolean> UNARCHIVE = Step.key("unarchive", Boolean.class);
    /** The read-only spec the compute ran for the dump. */
    public static final Step.Key<ComputeSpec> STATIC_COMPUTE = Step.key("static-compute", ComputeSpec.class);
    /** The dump, recorded in the catalog. */
    public static final Step.Key<DumpRecord> DUMP = Step.key("dump", DumpRecord.class);
    /** What the compute was put back to: {@code registered spec} or {@code terminated}. */
    public static final Step.Key<String> PUT_BACK = Step.key("put-back", String.class);
    /** Whether the snapshot was archived again. */
    public static final Step.Key<Boolean> REARCHIVE = Step.key("rearchive", Boolean.class);

    private record Inputs(TenantId tenant, String snapshot, String computeCtl, String postgres, String file) {}

    private final StorageControllerClient storcon;
    private final BackupCatalog catalog;
    private final Inputs in;
    private final CatalogEntry entry;
    private final ComputeClient compute;
    private final ComputeSpec registered;
    private final LogicalDump dump;
    private final Path file;
    private final Journal journal;
    private final WaitPolicy wait;
    private final Plan plan;

    private SnapshotDump(StorageControllerClient storcon, BackupCatalog catalog, CatalogEntry entry, ComputeClient compute,
                         ComputeSpec registered, LogicalDump dump, LogicalDump.Target postgres, Path file, Journal journal, WaitPolicy wait) {
        this.storcon = storcon;
        this.catalog = catalog;
        this.entry = entry;
        this.compute = compute;
        this.registered = registered;
        this.dump = dump;
        this.file = file;
        this.journal = journal;
        this.wait = wait;
        this.in = new Inputs(entry.tenant(), entry.name(), compute.baseUri().toString(), postgres.toString(), file.toAbsolutePath().toString());
        String back = registered == null ? "stop it (POST /terminate: it was an empty compute_ctl)" : "configure it with its registered spec"
                + " again (POST /configure)";
        this.plan = Plan.builder("SnapshotDump", in).subject("tenant " + entry.tenant() + " snapshot " + entry.name())
                .step(Step.of(CHECK, "Check snapshot " + entry.name() + "'s branch exists (GET /v1/tenant/{tenant_id}/timeline/{timeline_id})"
                        + " and ask compute_ctl at " + compute.baseUri() + " its state (GET /status)", this::check).ifFailed("nothing changed"))
                .step(UNARCHIVE, "Unarchive the snapshot branch if it is archived (PUT …/archival_config \"Unarchived\")", this::unarchive,
                        "only the snapshot's archival state changed; re-run with the same journal")
                .step(STATIC_COMPUTE, "Configure the compute read-only on " + entry.timeline() + " at " + entry.lsn() + " (POST /configure,"
                        + " mode Static), wait until it runs (GET /status)", this::staticCompute,
                        "the compute may be read-only on the snapshot; re-run with the same journal to dump and put it back")
                .step(Step.of(DUMP, "pg_dump " + postgres + " into " + file + " and record it against the snapshot", this::dump)
                        .skipWhen(ctx -> recorded())
                        .ifFailed("the compute is read-only on the snapshot; re-run with the same journal to dump and put it back"))
                .step(PUT_BACK, "Put the compute back: " + back, this::putBack,
                        "the dump is recorded; re-run with the same journal to put the compute back")
                .step(REARCHIVE, "Archive the snapshot branch again if it was archived (PUT …/archival_config \"Archived\")",
                        this::rearchive, "the dump is recorded and the compute is back; archive the snapshot by hand")
                .build();
    }

    /**
     * A dump of {@code tenant}'s snapshot {@code snapshot} through the compute_ctl {@code compute}, whose Postgres listens
     * at {@code postgres}. Without {@link #puttingBack}, the compute_ctl must be waiting empty for a spec. Sends nothing.
     *
     * @param password the Postgres password (given to pg_dump as {@code PGPASSWORD}), or null for none
     * @throws IllegalArgumentException if the catalog has no such snapshot
     */
    public static SnapshotDump of(StorageControllerClient storcon, BackupCatalog catalog, TenantId tenant, String snapshot,
                                  ComputeClient compute, LogicalDump.Target postgres, String password, Path file) {
        Objects.requireNonNull(storcon, "storcon");
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(file, "file");
        LogicalDump dump = LogicalDump.of(catalog, tenant, snapshot, postgres, password);
        CatalogEntry e = catalog.find(tenant, snapshot).orElseThrow();
        return new SnapshotDump(storcon, catalog, e, compute, null, dump, postgres, file, Journal.inMemory(), storcon.config().waitPolicy());
    }

    /**
     * The compute is a registered one running {@code spec} (its {@link io.neonclient.admin.ComputeRecord#spec()}): it is
     * configured with it again after the dump.
     *
     * @throws IllegalArgumentException if the spec is for another tenant
     */
    public SnapshotDump puttingBack(ComputeSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.tenantId().filter(t -> !t.equals(entry.tenant())).isPresent()) {
            throw new IllegalArgumentException("spec is for tenant " + spec.tenantId().get() + ", the snapshot is of " + entry.tenant());
        }
        return new SnapshotDump(storcon, catalog, entry, compute, spec, dump, LogicalDump.Target.parse(in.postgres()), file, journal, wait);
    }

    /** Uses the {@code pg_dump} in {@code binDir} instead of PATH's. */
    public SnapshotDump withBinaries(Path binDir) {
        return new SnapshotDump(storcon, catalog, entry, compute, registered, dump.withBinaries(binDir), LogicalDump.Target.parse(in.postgres()),
                file, journal, wait);
    }

    /** Records progress in {@code journal}, so a run that stopped resumes from it (default: in memory). Sends nothing. */
    public SnapshotDump withJournal(Journal journal) {
        return new SnapshotDump(storcon, catalog, entry, compute, registered, dump, LogicalDump.Target.parse(in.postgres()), file,
                Objects.requireNonNull(journal, "journal"), wait);
    }

    /** How long the compute may take to come up (default: the client's wait policy). Sends nothing. */
    public SnapshotDump withWaitPolicy(WaitPolicy wait) {
        return new SnapshotDump(storcon, catalog, entry, compute, registered, dump, LogicalDump.Target.parse(in.postgres()), file, journal,
                Objects.requireNonNull(wait, "waitPolicy"));
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    private ComputeStatus check(StepContext ctx) {
        try {
            storcon.tenant(entry.tenant()).timeline(entry.timeline()).describe();
        } catch (NotFoundException gone) {
            throw new IllegalArgumentException("snapshot " + entry.name() + "'s branch " + entry.timeline() + " is gone from the cluster;"
                    + " nothing to dump (reconcile the catalog)", gone);
        }
        ComputeState s = compute.status();
        if (registered == null && s.status() != ComputeStatus.EMPTY) {
            throw new IllegalArgumentException("compute_ctl at " + compute.baseUri() + " is " + s.status() + ", and its spec cannot be read"
                    + " back to put it back afterwards: give a registered compute (its spec is in the registry) or an empty compute_ctl");
        }
        if (registered != null && (s.status() == ComputeStatus.TERMINATED || s.status() == ComputeStatus.FAILED)) {
            throw new IllegalArgumentException("compute_ctl at " + compute.baseUri() + " is " + s.status() + ": it cannot be configured");
        }
        return s.status();
    }

    private Boolean unarchive(StepContext ctx) {
        if (!storcon.tenant(entry.tenant()).timeline(entry.timeline()).describe().isArchived().orElse(false)) {
            return false;
        }
        storcon.tenant(entry.tenant()).timeline(entry.timeline()).archivalConfig(TimelineArchivalState.UNARCHIVED);
        return true;
    }

    private ComputeSpec staticCompute(StepContext ctx) {
        ComputeSpec base = registered != null ? registered : ComputeSpec.minimal(entry.tenant(), entry.timeline());
        ComputeSpec readOnly = new ComputeSpec(base.formatVersion(), base.cluster(), base.suspendTimeoutSeconds(), Optional.of(entry.tenant()),
                Optional.of(entry.timeline()), base.pageserverConnectionInfo(), base.pageserverConnstring(), base.shardStripeSize(),
                base.safekeeperConnstrings(), base.safekeepersGeneration(), base.storageAuthToken(), new ComputeMode.Static(entry.lsn()),
                base.extra()).withPlacement(Placements.of(storcon, entry.tenant()));
        ComputeState s = compute.status();
        boolean already = s.status() == ComputeStatus.RUNNING && s.timeline().filter(entry.timeline().toString()::equals).isPresent();
        if (!already) {
            compute.configure(readOnly, ComputeCtlConfig.empty());
        }
        compute.running().await(wait, ctx.progress());
        return readOnly;
    }

    private Optional<DumpRecord> recorded() {
        String path = file.toAbsolutePath().toString();
        return catalog.find(entry.tenant(), entry.name()).flatMap(e -> e.dumps().stream().filter(d -> d.file().equals(path)).findFirst());
    }

    private DumpRecord dump(StepContext ctx) {
        return dump.to(file);
    }

    private String putBack(StepContext ctx) {
        if (registered == null) {
            if (compute.status().status() != ComputeStatus.TERMINATED) {
                compute.terminate(TerminateMode.FAST);
            }
            return "terminated";
        }
        ComputeSpec back = registered.withPlacement(Placements.of(storcon, entry.tenant()));
        compute.configure(back, ComputeCtlConfig.empty());
        compute.running().await(wait, ctx.progress());
        return "registered spec";
    }

    private Boolean rearchive(StepContext ctx) {
        if (!ctx.result(UNARCHIVE)) {
            return false;
        }
        storcon.tenant(entry.tenant()).timeline(entry.timeline()).archivalConfig(TimelineArchivalState.ARCHIVED);
        return true;
    }
}
