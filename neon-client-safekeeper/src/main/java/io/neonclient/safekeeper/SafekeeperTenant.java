package io.neonclient.safekeeper;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /v1/tenant/{tenant_id}} on one safekeeper. Obtain with {@link SafekeeperClient#tenant}. */
public final class SafekeeperTenant {
    private static final Json.Reader<Map<String, TimelineDeleteResult>> DELETED = Json.reader(new TypeReference<>() {});

    private final SafekeeperClient client;
    private final TenantId tenant;

    SafekeeperTenant(SafekeeperClient client, TenantId tenant) {
        this.client = client;
        this.tenant = tenant;
    }

    /** {@code DELETE /v1/tenant/{tenant_id}}: deletes every timeline of the tenant here; per timeline, whether its directory existed. */
    public Map<TimelineId, TimelineDeleteResult> delete() {
        return delete(false);
    }

    /** {@code DELETE /v1/tenant/{tenant_id}?only_local=true}: as {@link #delete()}, keeping remote WAL when {@code onlyLocal}. */
    public Map<TimelineId, TimelineDeleteResult> delete(boolean onlyLocal) {
        Request.Builder r = Request.delete("/v1/tenant/{tenant_id}", tenant).scope(SafekeeperClient.SCOPE).idempotent(true);
        if (onlyLocal) {
            r.query("only_local", true);
        }
        Map<String, TimelineDeleteResult> raw = client.transport.call(r.build(), DELETED);
        Map<TimelineId, TimelineDeleteResult> out = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((k, v) -> out.put(TimelineId.parse(k), v));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "SafekeeperTenant[" + tenant + "]";
    }
}
