package io.neonclient.pageserver;

/**
 * What a manual GC run did: the answer of {@code PUT …/timeline/{timeline_id}/do_gc} (mirrors {@code GcResult} in
 * upstream {@code pageserver/src/tenant/gc_result.rs}).
 *
 * @param layersTotal            layers considered
 * @param layersNeededByCutoff   kept for the GC horizon
 * @param layersNeededByPitr     kept for the PITR window
 * @param layersNeededByBranches kept for child branches
 * @param layersNeededByLeases   kept for LSN leases
 * @param layersNotUpdated       kept because no newer image exists
 * @param layersRemoved          deleted
 * @param elapsed                run time in milliseconds
 */
public record GcResult(long layersTotal, long layersNeededByCutoff, long layersNeededByPitr, long layersNeededByBranches,
                       long layersNeededByLeases, long layersNotUpdated, long layersRemoved, long elapsed) {}
