package io.neonclient.model;

/**
 * The answer of {@code GET /v1/tenant/{tenant_id}/config} on the controller and on a pageserver: both build the same
 * two-key object by hand ({@code Service::tenant_config_get} in upstream {@code storage_controller/src/service.rs},
 * {@code get_tenant_config_handler} in {@code pageserver/src/http/routes.rs}). The controller has no global defaults,
 * so there both carry the same settings.
 *
 * @param tenantSpecificOverrides what the tenant overrides
 * @param effectiveConfig         the settings in effect (on a pageserver: the overrides merged with its defaults)
 */
public record TenantConfigView(TenantConfig tenantSpecificOverrides, TenantConfig effectiveConfig) {
    /** A component the wire left out (null) takes its empty or default value. */
    public TenantConfigView {
        tenantSpecificOverrides = tenantSpecificOverrides == null ? TenantConfig.empty() : tenantSpecificOverrides;
        effectiveConfig = effectiveConfig == null ? TenantConfig.empty() : effectiveConfig;
    }
}
