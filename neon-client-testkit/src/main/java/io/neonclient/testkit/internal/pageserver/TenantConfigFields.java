package io.neonclient.testkit.internal.pageserver;

import java.util.Set;

/**
 * The field names of {@code TenantConfig} (libs/pageserver_api/src/models.rs at 6a35a3e9), for strict request
 * parsing: TenantCreateRequest and TenantConfigRequest flatten it and deny unknown fields.
 */
public final class TenantConfigFields {
    private TenantConfigFields() {}

    public static final Set<String> NAMES = Set.of(
            "checkpoint_distance", "checkpoint_timeout", "compaction_target_size", "compaction_period",
            "compaction_threshold", "compaction_upper_limit", "compaction_algorithm", "compaction_shard_ancestor",
            "compaction_l0_first", "compaction_l0_semaphore", "l0_flush_delay_threshold", "l0_flush_stall_threshold",
            "gc_horizon", "gc_period", "image_creation_threshold", "image_layer_force_creation_period", "pitr_interval",
            "walreceiver_connect_timeout", "lagging_wal_timeout", "max_lsn_wal_lag", "eviction_policy",
            "min_resident_size_override", "evictions_low_residence_duration_metric_threshold", "heatmap_period",
            "lazy_slru_download", "timeline_get_throttle", "image_layer_creation_check_threshold",
            "image_creation_preempt_threshold", "lsn_lease_length", "lsn_lease_length_for_ts", "timeline_offloading",
            "rel_size_v2_enabled", "gc_compaction_enabled", "gc_compaction_verification",
            "gc_compaction_initial_threshold_kb", "gc_compaction_ratio_percent", "sampling_ratio",
            "relsize_snapshot_cache_capacity", "basebackup_cache_enabled");
}
