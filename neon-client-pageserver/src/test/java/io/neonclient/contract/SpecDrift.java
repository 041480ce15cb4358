package io.neonclient.contract;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one list of places where upstream's OpenAPI documents are known to be stale (found where the fixtures, which
 * mirror the Rust structs, met the specs, and checked against the Rust source named in each entry). Each
 * entry names the call, the part of the exchange, the validator messages it excuses (a regex over
 * {@code "<key>: <message>"}), and the upstream source that overrides the spec. Everything not listed is validated.
 *
 * @param spec     {@code pageserver}, {@code safekeeper} or {@code compute}
 * @param method   HTTP method
 * @param path     regex over the concrete request path
 * @param part     which part is stale; {@link Part#ROUTE} skips the exchange (the spec has no such route)
 * @param messages which validator messages this drift excuses
 * @param upstream the source that overrides the spec
 */
public record SpecDrift(String spec, String method, Pattern path, Part part, Pattern messages, String upstream) {

    /** Which part of an exchange a drift concerns. */
    public enum Part { ROUTE, REQUEST, RESPONSE }

    private static final String ID = "[0-9a-f]{32}(-[0-9a-f]{4})?";
    private static final String TS = "/v1/tenant/" + ID;
    private static final String TL = TS + "/timeline/[0-9a-f]{32}";
    private static final String ANY = ".*";
    /** Fields present in the Rust struct but missing from the spec's schema, or nullable there but not in the spec. */
    private static final String FIELDS = "validation\\.(request|response)\\.body\\.schema\\.(additionalProperties|type): .*"
            + "(not allowed by the schema|Instance type \\(null\\)).*";

    public static final List<SpecDrift> ALL = List.of(
            // pageserver: routes implemented but absent from pageserver/src/http/openapi_spec.yml
            route("pageserver", "GET", "/v1/tenant/[0-9a-f]{32}/scan_remote_storage",
                    "pageserver/src/http/routes.rs tenant_scan_remote_handler (TenantScanRemoteStorageResponse)"),
            route("pageserver", "PUT", "/v1/failpoints", "pageserver/src/http/routes.rs testing_api_handler(\"manage failpoints\") over "
                    + "libs/http-utils/src/failpoints.rs failpoints_handler (ConfigureFailpointsRequest; testing builds)"),
            route("pageserver", "GET", "/v1/location_config", "pageserver/src/http/routes.rs list_location_config_handler (LocationConfigListResponse tuples)"),
            route("pageserver", "GET", "/v1/location_config/" + ID, "pageserver/src/http/routes.rs get_location_config_handler"),
            route("pageserver", "GET", TS + "/secondary/status", "pageserver/src/http/routes.rs secondary_status_handler"),
            route("pageserver", "PUT|GET|DELETE", TL + "/compact", "pageserver/src/http/routes.rs timeline_compact_handler (query flags, "
                    + "CompactRequest body), timeline_compact_info_handler (Vec<CompactInfoResponse>), timeline_cancel_compact_handler"),
            route("pageserver", "POST", TL + "/patch_index_part",
                    "pageserver/src/http/routes.rs timeline_patch_index_part_handler (TimelinePatchIndexPartRequest, 200 null)"),
            route("pageserver", "GET", TL + "/(touchpage|keyspace)",
                    "pageserver/src/http/routes.rs touchpage_at_lsn_handler (key, lsn; 200 null) and timeline_collect_keyspace "
                    + "(libs/pageserver_api/src/models/partitioning.rs Partitioning)"),
            route("pageserver", "PUT", TL + "/import_wal", "pageserver/src/http/routes.rs put_tenant_timeline_import_wal (start_lsn, end_lsn, tar body)"),
            route("pageserver", "GET", TS + "/feature_flag/[A-Za-z0-9_.-]+",
                    "pageserver/src/http/routes.rs tenant_evaluate_feature_flag ({result: Result<_, String>, properties})"),
            route("pageserver", "POST", TS + "/force_refresh_feature_flag", "pageserver/src/http/routes.rs force_refresh_feature_flag (200 null)"),
            route("pageserver", "PUT", TL + "/checkpoint", "pageserver/src/http/routes.rs timeline_checkpoint_handler (testing builds)"),
            route("pageserver", "PUT", TL + "/import_basebackup", "pageserver/src/http/routes.rs put_tenant_timeline_import_basebackup (base_lsn, end_lsn, pg_version)"),
            route("pageserver", "POST", TS + "/reset", "pageserver/src/http/routes.rs tenant_reset_handler (drop_cache query flag, 200 null)"),
            route("pageserver", "GET", TS + "/timeline_and_offloaded",
                    "pageserver/src/http/routes.rs timeline_and_offloaded_list_handler (TimelinesInfoAndOffloaded)"),
            route("pageserver", "GET", TL + "/layer", "pageserver/src/http/routes.rs layer_map_info_handler (LayerMapInfo)"),
            route("pageserver", "GET|DELETE", TL + "/layer/[0-9A-Fa-f_v-]+",
                    "pageserver/src/http/routes.rs layer_download_handler / evict_timeline_layer_handler (200 or 304, 400 unknown layer)"),
            part("pageserver", "GET", "/v1/utilization", Part.RESPONSE, FIELDS,
                    "libs/pageserver_api/src/models/utilization.rs PageserverUtilization (disk_wanted_bytes, disk_usable_pct, shard_count, "
                            + "max_shard_count, captured_at)"),
            part("pageserver", "PUT", "/v1/disk_usage_eviction/run", Part.RESPONSE,
                    "validation\\.response\\.body\\.schema\\.type: Instance type \\(string\\).*",
                    "pageserver/src/disk_usage_eviction_task.rs IterationOutcome: unit variants NoPressure and Cancelled are bare strings"),
            route("pageserver", "GET", "/v1/list_tenant_visible_size",
                    "pageserver/src/http/routes.rs list_tenant_visible_size_handler (BTreeMap<TenantShardId, u64>)"),
            route("pageserver", "GET|POST", TL + "/download_remote_layers",
                    "pageserver/src/http/routes.rs timeline_download_remote_layers_handler_post/_get (DownloadRemoteLayersTaskInfo)"),
            route("pageserver", "PUT", "/v1/io_(engine|mode)", "pageserver/src/http/routes.rs put_io_engine_handler / put_io_mode_handler"),
            route("pageserver", "POST", "/v1/top_tenants", "pageserver/src/http/routes.rs post_top_tenants (TopTenantShardsRequest -> TopTenantShardsResponse)"),
            route("pageserver", "PUT", "/v1/deletion_queue/flush", "pageserver/src/http/routes.rs deletion_queue_flush (execute query flag, 200 null)"),
            route("pageserver", "DELETE", TL + "/download_heatmap_layers",
                    "pageserver/src/http/routes.rs timeline_shutdown_download_heatmap_layers_handler (200 null)"),
            part("pageserver", "POST", TL + "/download_heatmap_layers", Part.RESPONSE,
                    "validation\\.response\\.status\\.unknown: Response status (202|409) .*",
                    "pageserver/src/http/routes.rs timeline_download_heatmap_layers_handler answers 202 null; 409 while one runs"),
            part("pageserver", "PUT", TS + "/time_travel_remote_storage", Part.RESPONSE,
                    "validation\\.response\\.(status\\.unknown: Response status 400 .*|body\\.schema\\.type: Instance type \\(null\\).*)",
                    "pageserver/src/http/routes.rs tenant_time_travel_remote_storage_handler: 200 null, 400 while the shard is here"),
            // pageserver: schemas behind the Rust structs
            part("pageserver", "GET|POST", TS + "/timeline(/[0-9a-f]{32})?", Part.RESPONSE,
                    FIELDS + "|validation\\.response\\.body\\.schema\\.type: \\[Path '[^']*/state'\\] Instance type \\(object\\).*",
                    "libs/pageserver_api/src/models.rs TimelineInfo (Option<_> fields are null; state Broken is {\"Broken\":{reason,backtrace}})"),
            part("pageserver", "GET", "/v1/tenant", Part.RESPONSE, FIELDS,
                    "libs/pageserver_api/src/models.rs TenantInfo (state, generation; current_physical_size null in lists)"),
            part("pageserver", "GET", TS, Part.RESPONSE,
                    FIELDS + "|validation\\.response\\.body\\.schema\\.required: \\[Path '/attachment_status'\\] .*\\[\"data\"\\].*",
                    "libs/pageserver_api/src/models.rs TenantDetails (flattened TenantInfo + walredo + timelines; "
                            + "TenantAttachmentStatus unit variants carry no data)"),
            part("pageserver", "GET", TS + "/synthetic_size", Part.RESPONSE, FIELDS,
                    "pageserver/src/tenant/size.rs TimelineInputs (last_record, latest_gc_cutoff, next_pitr_cutoff, "
                            + "retention_param_cutoff, lease_points; ancestor_id null at a root) and libs/tenant_size_model "
                            + "Segment (parent null at the root; size and segment_sizes null with inputs_only)"),
            part("pageserver", "GET", TL, Part.RESPONSE, "validation\\.response\\.status\\.unknown: Response status 404 .*",
                    "pageserver/src/http/routes.rs timeline_detail_handler: 404 NotFound once a timeline is gone (the delete poll's success)"),
            part("pageserver", "PUT", TL + "/do_gc", Part.REQUEST, "validation\\.request\\.body\\.unexpected: .*",
                    "pageserver/src/http/routes.rs timeline_gc_handler reads a TimelineGcRequest body (json_request; empty body is 400)"),
            part("pageserver", "PUT", TL + "/do_gc", Part.RESPONSE, "validation\\.response\\.body\\.schema\\.type: Instance type \\(object\\).*",
                    "pageserver/src/tenant/gc_result.rs GcResult (an object, not a string)"),
            part("pageserver", "PUT", TS + "/location_config", Part.REQUEST, FIELDS,
                    "libs/pageserver_api/src/models.rs LocationConfig (shard_number, shard_count, shard_stripe_size)"),
            part("pageserver", "PUT|PATCH", "/v1/tenant/config", Part.REQUEST,
                    "validation\\.request\\.body\\.schema\\.allOf: .* \\| validation\\.request\\.body\\.schema\\.additionalProperties: "
                            + "Object instance has properties which are not allowed by the schema: \\[\"tenant_id\"\\] \\| .*",
                    "libs/pageserver_api/src/models.rs TenantConfigRequest flattens TenantConfig beside tenant_id; the spec's allOf "
                            + "cannot express that under the validator's strict additionalProperties (each branch rejects the other's keys)"),
            part("pageserver", "PUT|PATCH", "/v1/tenant/config", Part.RESPONSE, "validation\\.response\\.body\\.schema\\.type: Instance type \\(null\\).*",
                    "pageserver/src/http/routes.rs update_tenant_config_handler / patch_tenant_config_handler answer 200 with null"),
            part("pageserver", "DELETE", TL, Part.RESPONSE, "validation\\.response\\.status\\.unknown: Response status 202 .*",
                    "pageserver/src/http/routes.rs timeline_delete_handler answers 202 Accepted"),
            part("pageserver", "POST", TL + "/preserve_initdb_archive", Part.RESPONSE, "validation\\.response\\.status\\.unknown: Response status 200 .*",
                    "pageserver/src/http/routes.rs timeline_preserve_initdb_handler answers 200 with null"),
            part("pageserver", ANY, ANY, Part.RESPONSE, "validation\\.response\\.body\\.unexpected: .*",
                    "libs/http-utils json_response(StatusCode::OK, ()) writes the JSON text null where the spec documents no body"),
            // safekeeper
            route("safekeeper", "GET", "/v1/tenant/timeline", "safekeeper/src/http/routes.rs timeline_list_handler"),
            route("safekeeper", "POST", "/v1/tenant/timeline",
                    "safekeeper/src/http/routes.rs timeline_create_handler (TimelineCreateRequest {tenant_id, timeline_id, mconf, pg_version, "
                            + "start_lsn, …}; the spec's POST /v1/tenant/{tenant_id}/timeline is stale)"),
            route("safekeeper", "PUT", "/v1/tenant/[0-9a-f]{32}/timeline/[0-9a-f]{32}/membership",
                    "safekeeper/src/http/routes.rs timeline_membership_handler (TimelineMembershipSwitchRequest)"),
            part("safekeeper", "POST", "/v1/tenant/[0-9a-f]{32}/timeline/[0-9a-f]{32}/copy", Part.RESPONSE,
                    "validation\\.response\\.status\\.unknown: Response status 200 .*|validation\\.response\\.body\\.schema\\.type: Instance type \\(null\\).*",
                    "safekeeper/src/http/routes.rs timeline_copy_handler answers 200 with null (the spec documents 201, so 200 falls to its error default)"),
            route("safekeeper", "PUT", "/v1/failpoints", "safekeeper/src/http/routes.rs over libs/http-utils/src/failpoints.rs "
                    + "failpoints_handler (ConfigureFailpointsRequest)"),
            route("safekeeper", "GET", "/v1/utilization", "safekeeper/src/http/routes.rs utilization_handler"),
            part("safekeeper", "GET", "/v1/tenant/[0-9a-f]{32}/timeline/[0-9a-f]{32}", Part.RESPONSE, FIELDS,
                    "libs/safekeeper_api/src/models.rs TimelineStatus (mconf, pg_info, peers, walsenders, walreceivers)"),
            part("safekeeper", "DELETE", "/v1/tenant/[0-9a-f]{32}(/timeline/[0-9a-f]{32})?", Part.RESPONSE,
                    "validation\\.response\\.body\\.schema\\.required: .*\\[\"was_active\"\\].*",
                    "libs/safekeeper_api/src/models.rs TimelineDeleteResult (and the tenant map of them) has only dir_existed"),
            route("safekeeper", "POST", "/v1/tenant/[0-9a-f]{32}/timeline/[0-9a-f]{32}/term_bump",
                    "safekeeper/src/http/routes.rs timeline_term_bump_handler (TimelineTermBumpRequest -> TimelineTermBumpResponse)"),
            route("safekeeper", "PUT", "/v1/tenant/[0-9a-f]{32}/timeline/[0-9a-f]{32}/exclude",
                    "safekeeper/src/http/routes.rs timeline_exclude_handler (Configuration body -> TimelineDeleteResult)"),
            route("safekeeper", "GET", "/v1/tenant/[0-9a-f]{32}/timeline/[0-9a-f]{32}/snapshot/[0-9]+",
                    "safekeeper/src/http/routes.rs timeline_snapshot_handler (application/octet-stream tar)"),
            route("safekeeper", "GET", "/v1/debug_dump", "safekeeper/src/http/routes.rs dump_debug_handler (debug_dump::Response)"),
            route("safekeeper", "GET", "/v1/debug/filesystem_usage", "safekeeper/src/http/routes.rs filesystem_usage_handler"),
            route("safekeeper", "POST", "/v1/tenant/[0-9a-f]{32}/timeline/[0-9a-f]{32}/(checkpoint|backup_partial_reset)",
                    "safekeeper/src/http/routes.rs timeline_checkpoint_handler (200 null) and timeline_backup_partial_reset (Vec<String>)"),
            route("safekeeper", "POST", "/v1/pull_timeline", "safekeeper/src/http/routes.rs timeline_pull_handler (PullTimelineRequest)"),
            route("safekeeper", "PATCH", "/v1/tenant/[0-9a-f]{32}/timeline/[0-9a-f]{32}/control_file",
                    "safekeeper/src/http/routes.rs patch_control_file_handler (safekeeper/src/patch_control_file.rs Request -> Response)"),
            // compute_ctl
            part("compute", "POST", "/configure", Part.REQUEST, ".*compute_ctl_config.*|" + FIELDS,
                    "compute_tools/src/http/routes/configure.rs: ConfigurationRequest requires compute_ctl_config (libs/compute_api/src/requests.rs)"),
            part("compute", "GET", "/status", Part.RESPONSE, FIELDS,
                    "libs/compute_api/src/responses.rs ComputeStatusResponse (error: Option<String> is null when healthy)"),
            part("compute", "POST", "/configure", Part.RESPONSE, FIELDS,
                    "compute_tools/src/http/routes/configure.rs answers ComputeStatusResponse (error null)"),
            part("compute", "GET", "/metrics\\.json", Part.RESPONSE, FIELDS,
                    "libs/compute_api/src/responses.rs ComputeMetrics (fields added after the spec)"),
            part("compute", "POST", "/promote", Part.REQUEST,
                    "validation\\.request\\.body\\.schema\\.(additionalProperties|required): \\[Path '/spec'\\] .*",
                    "libs/compute_api/src/responses.rs PromoteConfig {spec: ComputeSpec, wal_flush_lsn}; the spec's "
                            + "ComputeSchemaWithLsn points spec at ComputeState by mistake"),
            part("compute", "POST", "/extensions", Part.RESPONSE, "validation\\.response\\.status\\.unknown: Response status 201 .*",
                    "compute_tools/src/http/routes/extensions.rs answers StatusCode::CREATED with ExtensionInstallResponse"),
            part("compute", "POST", "/lfc/(prewarm|offload)", Part.RESPONSE, "validation\\.response\\.body\\.unexpected: .*",
                    "compute_tools/src/http/routes/lfc.rs answers 429 through JsonResponse::error ({\"error\": …})"),
            part("compute", "POST|GET", "/(check_writability|database_schema)", Part.RESPONSE,
                    "validation\\.response\\.contentType\\.notAllowed: .*",
                    "compute_tools/src/http/routes/check_writability.rs (JsonResponse::success: JSON true) and "
                            + "database_schema.rs (SQL text under content-type application/json) answer JSON content types"),
            part("compute", "GET", "/lfc/prewarm", Part.RESPONSE,
                    "validation\\.response\\.body\\.schema\\.enum: \\[Path '/status'\\] Instance value \\(\"cancelled\"\\).*",
                    "libs/compute_api/src/responses.rs LfcPrewarmState::Cancelled (added after the spec's enum)"),
            part("compute", "POST", "/check_writability", Part.RESPONSE,
                    "validation\\.response\\.status\\.unknown: Response status (412|500) .*",
                    "compute_tools/src/http/routes/check_writability.rs: 412 invalid_status when not running, 500 when the write fails"),
            part("compute", "GET", "/dbs_and_roles", Part.RESPONSE, FIELDS,
                    "libs/compute_api/src/spec.rs Role/Database: encrypted_password and options are Option<_>, written as null"),
            route("compute", "POST", "/refresh_configuration", "compute_tools/src/http/routes/refresh_configuration.rs (internal listener)"),
            part("compute", "POST", "/grants", Part.RESPONSE, "validation\\.response\\.status\\.unknown: Response status 201 .*",
                    "compute_tools/src/http/routes/grants.rs answers StatusCode::CREATED with SetRoleGrantsResponse"),
            route("compute", "GET", "/hadron_liveness_probe",
                    "compute_tools/src/http/routes/hadron_liveness_probe.rs (JSON \"ok\" when pg_isready succeeds, 500 otherwise)"));

    private static SpecDrift route(String spec, String method, String path, String upstream) {
        return new SpecDrift(spec, method, Pattern.compile(path + "/?"), Part.ROUTE, Pattern.compile(".*"), upstream);
    }

    private static SpecDrift part(String spec, String method, String path, Part part, String messages, String upstream) {
        return new SpecDrift(spec, method, Pattern.compile(path + "/?"), part, Pattern.compile(messages, Pattern.DOTALL), upstream);
    }

    /** True when the spec lacks the route altogether. */
    public static boolean routeMissing(String spec, String method, String path) {
        return ALL.stream().anyMatch(d -> d.part == Part.ROUTE && d.applies(spec, method, path));
    }

    /** True when a drift entry excuses this validator message for this part of the call. */
    public static boolean excuses(String spec, String method, String path, Part part, String message) {
        return ALL.stream().anyMatch(d -> d.part == part && d.applies(spec, method, path) && d.messages.matcher(message).matches());
    }

    private boolean applies(String spec, String method, String path) {
        return this.spec.equals(spec) && method.toUpperCase().matches(this.method) && this.path.matcher(path).matches();
    }
}
