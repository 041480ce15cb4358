package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /v1/tenant/{id}/config} (built in {@code Service::tenant_config_get}, upstream
 * {@code storage_controller/src/service.rs}). At the controller both carry the same object: it has no global defaults.
 *
 * @param overrides the tenant's own settings ({@code tenant_specific_overrides})
 * @param effective the settings in effect ({@code effective_config})
 */
public record TenantConfigState(@JsonProperty("tenant_specific_overrides") TenantConfig overrides,
                                @JsonProperty("effective_config") TenantConfig effective) {
    public TenantConfigState {
        overrides = overrides == null ? TenantConfig.empty() : overrides;
        effective = effective == null ? TenantConfig.empty() : effective;
    }
}
