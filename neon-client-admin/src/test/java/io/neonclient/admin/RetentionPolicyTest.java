package io.neonclient.admin;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.RetentionDecision;
import io.neonclient.admin.backup.RetentionPolicy;
import io.neonclient.admin.backup.SnapshotManifest;
import io.neonclient.core.Lsn;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    static final TenantId TENANT = TenantId.generate();
    static final TimelineId SOURCE = TimelineId.generate();

    static CatalogEntry entry(String name, String at, boolean pinned) {
        TimelineId tl = TimelineId.generate();
        return new CatalogEntry(name, TENANT, tl, SOURCE, Lsn.parse("0/1000"), Instant.parse(at), "ops", Map.of(), pinned, false,
                CatalogEntry.SNAPSHOT, SnapshotManifest.of(TENANT, SOURCE, Lsn.parse("0/1000"), tl), List.of());
    }

    static List<String> kept(List<RetentionDecision> ds) {
        return ds.stream().filter(RetentionDecision::keep).map(d -> d.entry().name()).toList();
    }

    /** Two snapshots a day from 2025-01-01 (a Wednesday) to 2025-02-14. */
    static List<CatalogEntry> twiceADay() {
        List<CatalogEntry> all = new ArrayList<>();
        Instant t = Instant.parse("2025-01-01T06:00:00Z");
        for (int i = 0; i < 90; i++) {
            all.add(entry("s" + i, t.toString(), false));
            t = t.plusSeconds(12 * 3600);
        }
        return all;
    }

    @Test
    void keepLast_keepsTheNewestN() {
        List<RetentionDecision> ds = RetentionPolicy.keepLast(3).decide(twiceADay());
        assertEquals(List.of("s89", "s88", "s87"), kept(ds));
        assertEquals(90, ds.size());
        assertTrue(ds.get(5).toString().startsWith("delete s84"), ds.get(5).toString());
        assertTrue(ds.get(5).reasons().get(0).contains("matches no keep rule of keep-last 3"), ds.get(5).toString());
    }

    @Test
    void keepDaily_keepsTheNewestOfEachOfTheLastNDays() {
        List<RetentionDecision> ds = new RetentionPolicy(0, 3, 0, 0).decide(twiceADay());
        assertEquals(List.of("s89", "s87", "s85"), kept(ds)); // 18:00 of each of the last three days
        assertEquals(List.of("daily 2025-02-14"), ds.get(0).reasons());
    }

    @Test
    void keepWeeklyAndMonthly_keepTheNewestOfEachPeriod_andReasonsAddUp() {
        List<RetentionDecision> ds = new RetentionPolicy(1, 0, 2, 2).decide(twiceADay());
        // newest overall (Feb 14, ISO week 7) is last, weekly and monthly; Sunday Feb 9 18:00 ends week 6; Jan 31 ends January
        assertEquals(List.of("s89", "s79", "s61"), kept(ds));
        assertEquals(List.of("last 1", "weekly 2025-W07", "monthly 2025-02"), ds.get(0).reasons());
        assertEquals(List.of("weekly 2025-W06"), ds.stream().filter(d -> d.entry().name().equals("s79")).findFirst().orElseThrow().reasons());
        assertEquals(List.of("monthly 2025-01"), ds.stream().filter(d -> d.entry().name().equals("s61")).findFirst().orElseThrow().reasons());
    }

    @Test
    void pinnedSnapshots_areKeptAndNotCounted() {
        List<CatalogEntry> all = new ArrayList<>(twiceADay());
        all.add(entry("pinned-old", "2024-06-01T00:00:00Z", true));
        List<RetentionDecision> ds = RetentionPolicy.keepLast(1).decide(all);
        assertEquals(List.of("s89", "pinned-old"), kept(ds));
    }

    @Test
    void aPolicyThatKeepsNothing_isRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(0, 0, 0, 0));
        assertTrue(e.getMessage().contains("must keep something"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(-1, 1, 0, 0));
        assertThrows(NullPointerException.class, () -> RetentionPolicy.keepLast(1).decide(null));
    }
}
