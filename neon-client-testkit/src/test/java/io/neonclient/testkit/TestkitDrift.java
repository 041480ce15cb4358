package io.neonclient.testkit;

import io.neonclient.contract.SpecDrift;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Spots where upstream's OpenAPI documents are stale for calls only the testkit's tests make, beside the clients'
 * {@link SpecDrift} table (which lives in neon-client-pageserver's test sources and is not extended from here). Same
 * shape as {@link SpecDrift}: each entry names the call, the part of the exchange, the validator messages it excuses
 * (a regex over {@code "<key>: <message>"}) and the upstream source that overrides the spec, which agrees with the
 * testkit. Everything not listed here or there is validated.
 *
 * @param spec     {@code pageserver}, {@code safekeeper} or {@code compute}
 * @param method   HTTP method (regex)
 * @param path     regex over the concrete request path
 * @param part     which part is stale; {@link SpecDrift.Part#ROUTE} skips the exchange (the spec has no such route)
 * @param messages which validator messages this drift excuses
 * @param upstream the source that overrides the spec
 */
record TestkitDrift(String spec, String method, Pattern path, SpecDrift.Part part, Pattern messages, String upstream) {

    private static final String ANY = ".*";
    /** The statuses http-utils' ApiError maps to; the body is then HttpErrorBody {"msg"} (checked by ErrorShapes). */
    private static final String API_ERROR_STATUS = "validation\\.response\\.status\\.unknown: Response status "
            + "(400|401|403|404|408|409|412|429|500|503) not defined .*";

    static final List<TestkitDrift> ALL = List.of(
            // Error statuses: the specs list errors for a few routes only, while every handler's Err(ApiError) becomes
            // the variant's status. The body is still checked against the spec's own error schema (ErrorShapes).
            part("pageserver", ANY, ANY, SpecDrift.Part.RESPONSE, API_ERROR_STATUS,
                    "libs/http-utils/src/error.rs ApiError::into_response (BadRequest 400, Unauthorized 401, Forbidden 403, "
                            + "NotFound 404, Timeout 408, Conflict 409, PreconditionFailed 412, TooManyRequests 429, "
                            + "InternalServerError 500, ResourceUnavailable/ShuttingDown 503) behind pageserver/src/http/routes.rs "
                            + "(check_permission -> 403, tenant/timeline lookups -> 404)"),
            part("safekeeper", ANY, ANY, SpecDrift.Part.RESPONSE, API_ERROR_STATUS,
                    "libs/http-utils/src/error.rs ApiError::into_response behind safekeeper/src/http/routes.rs "
                            + "(check_permission -> 403, timeline lookups -> 404)"),
            part("compute", "POST", "/configure", SpecDrift.Part.RESPONSE,
                    "validation\\.response\\.status\\.unknown: Response status (415|422) not defined .*",
                    "compute_tools/src/http/extract/json.rs answers axum's JsonRejection with its own status (422 when the body "
                            + "does not deserialize into ConfigurationRequest, 415 without a JSON content type) and "
                            + "GenericAPIError {error: body_text().to_lowercase()}"),
            part("compute", ANY, "/(status|configure|terminate|metrics\\.json)", SpecDrift.Part.RESPONSE,
                    "validation\\.response\\.status\\.unknown: Response status (400|401|403) not defined .*",
                    "compute_tools/src/http/middleware/authorize.rs Authorize::authorize, the layer over the external "
                            + "server's authenticated routes (compute_tools/src/http/server.rs): no bearer header -> 400, a token "
                            + "that does not verify or lacks the compute audience -> 401, a missing or foreign compute_id -> 403, "
                            + "each as GenericAPIError {error}"),
            // Routes the spec lacks
            route("pageserver", "PUT|DELETE", "/v1/feature_flag/[A-Za-z0-9_.-]+",
                    "pageserver/src/http/routes.rs force_override_feature_flag_for_testing_put/_delete (testing_api_handler, value query)"),
            route("pageserver", "GET", "/v1/tenant/[0-9a-f]{32}/scan_remote_storage",
                    "pageserver/src/http/routes.rs registers GET /v1/tenant/:tenant_id/scan_remote_storage "
                            + "(tenant_scan_remote_handler, answering TenantScanRemoteStorageResponse of "
                            + "libs/pageserver_api/src/models.rs; the storage controller's tenant_import calls it)"),
            route("pageserver", "PUT", "/v1/tenant/[0-9a-f]{32}(-[0-9a-f]{4})?/timeline/[0-9a-f]{32}/offload",
                    "pageserver/src/http/routes.rs registers PUT …/timeline/:timeline_id/offload (timeline_offload_handler, a "
                            + "testing_api_handler route: 200 null, 412 when not archived or a child is still loaded)"),
            // Statuses
            part("pageserver", "POST", "/v1/tenant/[0-9a-f]{32}(-[0-9a-f]{4})?/timeline/[0-9a-f]{32}/download_heatmap_layers",
                    SpecDrift.Part.RESPONSE, "validation\\.response\\.status\\.unknown: Response status 202 not defined .*",
                    "pageserver/src/http/routes.rs timeline_download_heatmap_layers_handler ends with "
                            + "json_response(StatusCode::ACCEPTED, ()) (202, the JSON text null), where the spec documents 200"),
            // Bodies
            part("pageserver", "PUT|PATCH", "/v1/tenant/config", SpecDrift.Part.REQUEST,
                    "validation\\.request\\.body\\.schema\\.allOf: Instance failed to match all required schemas \\(matched only \\d out of 2\\)"
                            + "( \\| validation\\.request\\.body\\.schema\\.additionalProperties: Object instance has properties which "
                            + "are not allowed by the schema: \\[\"[a-z0-9_]+\"(,\"[a-z0-9_]+\")*\\])+",
                    "libs/pageserver_api/src/models.rs TenantConfigRequest / TenantConfigPatchRequest flatten the whole TenantConfig "
                            + "(lsn_lease_length, compaction_l0_first, … beyond the fourteen the spec lists) beside tenant_id, "
                            + "with deny_unknown_fields (the testkit answers other keys with 400)"),
            part("pageserver", "GET", "/v1/tenant/[0-9a-f]{32}(-[0-9a-f]{4})?/config", SpecDrift.Part.RESPONSE,
                    "validation\\.response\\.body\\.schema\\.additionalProperties: \\[Path '/(effective_config|tenant_specific_overrides)'\\] .*"
                            + "|validation\\.response\\.body\\.schema\\.type: \\[Path '/(effective_config|tenant_specific_overrides)/"
                            + "(compaction_threshold|compaction_upper_limit)'\\] Instance type \\(integer\\) .*",
                    "pageserver/src/http/routes.rs get_tenant_config_handler serializes TenantConfig (overrides) and "
                            + "TenantConfigToml (effective, every field; libs/pageserver_api/src/config.rs), whose compaction_threshold "
                            + "and compaction_upper_limit are usize, not the spec's strings"),
            part("pageserver", "PUT", "/v1/tenant/[0-9a-f]{32}(-[0-9a-f]{4})?/time_travel_remote_storage", SpecDrift.Part.RESPONSE,
                    "validation\\.response\\.body\\.schema\\.type: Instance type \\(null\\) .*\\[\"string\"\\].*",
                    "pageserver/src/http/routes.rs tenant_time_travel_remote_storage_handler ends with "
                            + "json_response(StatusCode::OK, ()), the JSON text null, where the spec documents a string"),
            part("pageserver", "GET", "/v1/tenant", SpecDrift.Part.RESPONSE,
                    "validation\\.response\\.body\\.schema\\.required: \\[Path '/\\d+/attachment_status'\\] "
                            + "Object has missing required properties \\(\\[\"data\"\\]\\)",
                    "libs/pageserver_api/src/models.rs TenantAttachmentStatus is #[serde(tag = \"slug\", content = \"data\")] "
                            + "with unit variants Maybe and Attached, which serialize without data (pageserver/src/http/routes.rs "
                            + "tenant_list_handler)"));

    private static TestkitDrift route(String spec, String method, String path, String upstream) {
        return new TestkitDrift(spec, method, Pattern.compile(path + "/?"), SpecDrift.Part.ROUTE, Pattern.compile(".*"), upstream);
    }

    private static TestkitDrift part(String spec, String method, String path, SpecDrift.Part part, String messages, String upstream) {
        return new TestkitDrift(spec, method, Pattern.compile(path + "/?"), part, Pattern.compile(messages, Pattern.DOTALL), upstream);
    }

    /** True when the spec lacks the route altogether (SpecDrift already skips the routes it knows). */
    static boolean routeMissing(String spec, String method, String path) {
        return ALL.stream().anyMatch(d -> d.part == SpecDrift.Part.ROUTE && d.applies(spec, method, path));
    }

    /** True when an entry excuses this validator message for this part of the call. */
    static boolean excuses(String spec, String method, String path, SpecDrift.Part part, String message) {
        return ALL.stream().anyMatch(d -> d.part == part && d.applies(spec, method, path) && d.messages.matcher(message).matches());
    }

    private boolean applies(String spec, String method, String path) {
        return this.spec.equals(spec) && method.toUpperCase().matches(this.method) && this.path.matcher(path).matches();
    }
}
