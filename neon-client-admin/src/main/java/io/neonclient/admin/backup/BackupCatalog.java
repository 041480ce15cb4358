package io.neonclient.admin.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.admin.Journal;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.model.Timeline;
import io.neonclient.storcon.StorageControllerClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The snapshots Neon does not name: every {@link CatalogEntry}, kept on the same stores as recipe journals, so a file
 * for one operator or a PostgreSQL table a team shares. The catalog is one journal document (recipe
 * {@code BackupCatalog}, subject {@code catalog}) whose note {@code entries} holds the entries; it inherits the
 * journals' atomic writes and their hold (an OS lock on {@code <file>.lock}, a session advisory lock on the row), taken
 * for each read or change and released right after. Give the catalog a store of its own, not a recipe's journal.
 *
 * <p>Nothing here sends a request to the cluster except {@link #reconcile}.
 */
public final class BackupCatalog {
    private static final String RECIPE = "BackupCatalog";
    private static final String SUBJECT = "catalog";
    private static final String NOTE = "entries";
    private static final TypeReference<List<CatalogEntry>> ENTRIES = new TypeReference<>() { };
    /** How long a read or change waits for another process that holds the catalog (they hold it for milliseconds). */
    private static final long HOLD_WAIT_MILLIS = 15_000;

    private final Journal store;

    private BackupCatalog(Journal store) {
        this.store = store;
    }

    /** A catalog kept in {@code store} ({@link Journal#file}, {@link Journal#postgres} or {@link Journal#inMemory}). */
    public static BackupCatalog on(Journal store) {
        return new BackupCatalog(Objects.requireNonNull(store, "store"));
    }

    /** A catalog in a JSON file (created on the first change). */
    public static BackupCatalog file(Path path) {
        return on(Journal.file(Objects.requireNonNull(path, "path")));
    }

    /** A catalog in memory, for tests and one-off scripts. */
    public static BackupCatalog inMemory() {
        return on(Journal.inMemory());
    }

    /** Every entry, oldest first. */
    public List<CatalogEntry> list() {
        return read(entries -> entries);
    }

    /** The entries of {@code tenant}, oldest first. */
    public List<CatalogEntry> list(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return list().stream().filter(e -> e.tenant().equals(tenant)).toList();
    }

    /** The entry of {@code tenant} named {@code name}. */
    public Optional<CatalogEntry> find(TenantId tenant, String name) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        return list(tenant).stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The entry whose snapshot branch is {@code timeline}. */
    public Optional<CatalogEntry> findByTimeline(TenantId tenant, TimelineId timeline) {
        Objects.requireNonNull(timeline, "timeline");
        return list(tenant).stream().filter(e -> e.timeline().equals(timeline)).findFirst();
    }

    /**
     * Adds {@code entry}. Adding the same snapshot again (same name and timeline) is a no-op that returns the stored entry,
     * so a recipe that was killed after recording can record again.
     *
     * @throws IllegalArgumentException if the tenant has another snapshot of that name, or another entry for that timeline
     */
    public CatalogEntry add(CatalogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        List<CatalogEntry> stored = new ArrayList<>();
        change(entries -> {
            for (CatalogEntry e : entries) {
                if (!e.tenant().equals(entry.tenant())) {
                    continue;
                }
                boolean sameName = e.name().equals(entry.name());
                boolean sameTimeline = e.timeline().equals(entry.timeline());
                if (sameName && sameTimeline) {
                    stored.add(e);
                    return entries;
                }
                if (sameName || sameTimeline) {
                    throw new IllegalArgumentException("tenant " + entry.tenant() + " already has snapshot " + e.name() + " (timeline "
                            + e.timeline() + "); a new snapshot needs another name and its own branch");
                }
            }
            List<CatalogEntry> more = new ArrayList<>(entries);
            more.add(entry);
            stored.add(entry);
            return more;
        });
        return stored.get(0);
    }

    /**
     * Replaces the entry of the same tenant and name (e.g. {@link CatalogEntry#withPinned}).
     *
     * @throws IllegalArgumentException if there is none
     */
    public CatalogEntry replace(CatalogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        change(entries -> {
            List<CatalogEntry> out = new ArrayList<>();
            boolean found = false;
            for (CatalogEntry e : entries) {
                boolean same = e.tenant().equals(entry.tenant()) && e.name().equals(entry.name());
                found |= same;
                out.add(same ? entry : e);
            }
            if (!found) {
                throw new IllegalArgumentException("tenant " + entry.tenant() + " has no snapshot named " + entry.name() + " in " + this);
            }
            return out;
        });
        return entry;
    }

    /** Removes the entry of {@code tenant} named {@code name}; true if there was one. */
    public boolean remove(TenantId tenant, String name) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        boolean[] removed = new boolean[1];
        change(entries -> {
            List<CatalogEntry> out = entries.stream().filter(e -> !(e.tenant().equals(tenant) && e.name().equals(name))).toList();
            removed[0] = out.size() != entries.size();
            return out;
        });
        return removed[0];
    }

    /**
     * Compares the catalog with the cluster ({@code GET /v1/tenant/{tenant_id}/timeline}): entries whose timeline is gone,
     * and branches of the tenant the catalog does not know (taken outside it, or by a run killed before it recorded
     * them). Changes nothing.
     */
    public CatalogReconciliation reconcile(StorageControllerClient storcon, TenantId tenant) {
        Objects.requireNonNull(storcon, "storcon");
        List<CatalogEntry> entries = list(tenant);
        List<Timeline> timelines = storcon.tenant(tenant).timelines().list();
        Set<TimelineId> present = timelines.stream().map(Timeline::timelineId).collect(Collectors.toSet());
        Set<TimelineId> known = entries.stream().map(CatalogEntry::timeline).collect(Collectors.toSet());
        Set<TimelineId> sources = entries.stream().map(CatalogEntry::source).collect(Collectors.toSet());
        List<CatalogReconciliation.Stray> strays = timelines.stream()
                .filter(t -> t.ancestorTimelineId().isPresent() && !known.contains(t.timelineId()) && !sources.contains(t.timelineId()))
                .map(t -> new CatalogReconciliation.Stray(t.timelineId(), t.ancestorTimelineId().orElseThrow(), t.ancestorLsn().orElseThrow(),
                        t.isArchived().orElse(false)))
                .sorted(Comparator.comparing(s -> s.timeline().toString()))
                .distinct()
                .toList();
        return new CatalogReconciliation(tenant,
                entries.stream().filter(e -> present.contains(e.timeline())).toList(),
                entries.stream().filter(e -> !present.contains(e.timeline())).toList(),
                strays);
    }

    private <T> T read(java.util.function.Function<List<CatalogEntry>, T> reader) {
        hold();
        try {
            return reader.apply(decode());
        } finally {
            store.close();
        }
    }

    private synchronized void change(UnaryOperator<List<CatalogEntry>> change) {
        hold();
        try {
            List<CatalogEntry> after = change.apply(decode());
            store.recordNote(NOTE, Json.MAPPER.writeValueAsString(after));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalog " + store + " cannot be written: " + e.getOriginalMessage(), e);
        } finally {
            store.close();
        }
    }

    /** Takes the store's hold, waiting while another process has it (each holder keeps it for one read or change). */
    private synchronized void hold() {
        long deadline = System.nanoTime() + HOLD_WAIT_MILLIS * 1_000_000;
        while (true) {
            try {
                store.begin(RECIPE, SUBJECT, "{}");
                return;
            } catch (IllegalStateException held) {
                if (!String.valueOf(held.getMessage()).contains(" is held by ") || System.nanoTime() > deadline) {
                    throw held;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw held;
                }
            }
        }
    }

    private List<CatalogEntry> decode() {
        Optional<String> json = store.note(NOTE);
        if (json.isEmpty()) {
            return List.of();
        }
        try {
            List<CatalogEntry> entries = Json.MAPPER.readValue(json.get(), ENTRIES);
            return entries == null ? List.of() : List.copyOf(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalog " + store + " holds entries this version cannot read: " + Json.describe(e), e);
        }
    }

    @Override
    public String toString() {
        return "backup catalog in " + store;
    }
}
