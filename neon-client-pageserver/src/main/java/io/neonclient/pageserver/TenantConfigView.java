package io.neonclient.pageserver;

/**
 * The answer of {@code GET /v1/tenant/{tenant_shard_id}/config} ({@code get_tenant_config_handler} in upstream
 * {@code pageserver/src/http/routes.rs}).
 *
 * @param tenantSpecificOverrides what the tenant overrides
 * @param effectiveConfig         overrides merged with the pageserver's defaults
 */
public record TenantConfigView(TenantConfig tenantSpecificOverrides, TenantConfig effectiveConfig) {}
