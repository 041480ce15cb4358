package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The spec {@code compute_ctl} runs from (upstream {@code ComputeSpec}, {@code libs/compute_api/src/spec.rs}): typed
 * storage fields plus everything else kept verbatim in {@link #extra()}, so a compute hook can push the whole previous
 * spec back with only the storage fields changed. {@link #toString()} never prints the storage token or extra values.
 *
 * @param formatVersion          spec format, 1.0
 * @param cluster                the {@code cluster} object (roles, databases, settings …), kept verbatim
 * @param suspendTimeoutSeconds  idle time before suspend, -1 to disable
 * @param tenantId               the tenant (else the {@code neon.tenant_id} GUC)
 * @param timelineId             the timeline (else {@code neon.timeline_id})
 * @param pageserverConnectionInfo preferred per-shard pageserver addresses
 * @param pageserverConnstring   legacy: libpq URLs joined by {@code ,} in shard order
 * @param shardStripeSize        legacy companion of the connstring
 * @param safekeeperConnstrings  {@code host:pg_port} of each safekeeper
 * @param safekeepersGeneration  the safekeeper membership generation
 * @param storageAuthToken       JWT ({@code tenant} scope) used as the password to pageservers and safekeepers
 * @param mode                   primary, static or replica
 * @param extra                  every other top-level key, preserved
 */
public record ComputeSpec(double formatVersion, Map<String, Object> cluster, long suspendTimeoutSeconds,
                          Optional<TenantId> tenantId, Optional<TimelineId> timelineId,
                          Optional<PageserverConnectionInfo> pageserverConnectionInfo, Optional<String> pageserverConnstring,
                          Optional<StripeSize> shardStripeSize, List<String> safekeeperConnstrings,
                          Optional<Long> safekeepersGeneration, Optional<String> storageAuthToken, ComputeMode mode,
                          Map<String, Object> extra) {

    private static final List<String> KNOWN = List.of("format_version", "cluster", "suspend_timeout_seconds", "tenant_id",
            "timeline_id", "pageserver_connection_info", "pageserver_connstring", "shard_stripe_size", "safekeeper_connstrings",
            "safekeepers_generation", "storage_auth_token", "mode");

    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field and copies lists and maps (unmodifiable). */
    public ComputeSpec {
        if (cluster == null) {
            throw new NullPointerException("a compute spec needs a cluster object (roles and databases may be empty)");
        }
        cluster = Collections.unmodifiableMap(new LinkedHashMap<>(cluster));
        tenantId = tenantId == null ? Optional.empty() : tenantId;
        timelineId = timelineId == null ? Optional.empty() : timelineId;
        pageserverConnectionInfo = pageserverConnectionInfo == null ? Optional.empty() : pageserverConnectionInfo;
        pageserverConnstring = pageserverConnstring == null ? Optional.empty() : pageserverConnstring;
        shardStripeSize = shardStripeSize == null ? Optional.empty() : shardStripeSize;
        safekeeperConnstrings = safekeeperConnstrings == null ? List.of() : List.copyOf(safekeeperConnstrings);
        safekeepersGeneration = safekeepersGeneration == null ? Optional.empty() : safekeepersGeneration;
        storageAuthToken = storageAuthToken == null ? Optional.empty() : storageAuthToken;
        mode = mode == null ? ComputeMode.primary() : mode;
        Map<String, Object> copy = new LinkedHashMap<>(extra == null ? Map.of() : extra);
        for (String k : KNOWN) {
            if (copy.containsKey(k)) {
                throw new IllegalArgumentException("extra must not repeat the typed field " + k);
            }
        }
        extra = Collections.unmodifiableMap(copy);
        if (safekeeperConnstrings.stream().distinct().count() != safekeeperConnstrings.size()) {
            throw new IllegalArgumentException("safekeeperConnstrings must be unique, got " + safekeeperConnstrings);
        }
    }

    /** A minimal primary spec for {@code tenant}/{@code timeline}: empty roles and databases, suspend disabled. */
    public static ComputeSpec minimal(TenantId tenant, TimelineId timeline) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("cluster_id", null);
        cluster.put("name", null);
        cluster.put("state", null);
        cluster.put("roles", List.of());
        cluster.put("databases", List.of());
        cluster.put("postgresql_conf", null);
        cluster.put("settings", null);
        return new ComputeSpec(1.0, cluster, -1, Optional.ofNullable(tenant), Optional.ofNullable(timeline), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), ComputeMode.primary(), Map.of());
    }

    /**
     * A copy pointing at {@code placement}: {@code pageserver_connection_info} (shard count 0 and key {@code "0000"} with a
     * null stripe size when unsharded, else one {@code %02x%02x} key per shard), and the legacy
     * {@code pageserver_connstring} (URLs in shard order) and {@code shard_stripe_size}, as upstream's
     * {@code neon_local} describe. Nothing else changes; the previous {@code prefer_protocol} is kept.
     *
     * @throws IllegalArgumentException when the spec names a different tenant
     */
    public ComputeSpec withPlacement(ShardPlacement placement) {
        if (placement == null) {
            throw new NullPointerException("placement must not be null");
        }
        if (tenantId.isPresent() && !tenantId.get().equals(placement.tenantId())) {
            throw new IllegalArgumentException("placement is for tenant " + placement.tenantId() + " but the spec is for " + tenantId.get());
        }
        boolean unsharded = placement.isUnsharded();
        int count = unsharded ? 0 : placement.shards().size();
        Optional<StripeSize> stripe = unsharded ? Optional.empty() : placement.stripeSize();
        Map<String, PageserverConnectionInfo.Shard> shards = new TreeMap<>();
        List<String> urls = new ArrayList<>();
        for (ShardPlacement.Shard s : placement.shards()) {
            ShardIndex key = unsharded ? ShardIndex.UNSHARDED : ShardIndex.of(s.shard().shardNumber(), count);
            shards.put(key.toString(), new PageserverConnectionInfo.Shard(List.of(new PageserverConnectionInfo.Endpoint(
                    Optional.of(s.node()), Optional.of(s.libpqUrl()), Optional.empty()))));
            urls.add(s.libpqUrl());
        }
        PageserverProtocol protocol = pageserverConnectionInfo.map(PageserverConnectionInfo::preferProtocol)
                .orElse(PageserverProtocol.LIBPQ);
        var info = new PageserverConnectionInfo(count, stripe, shards, protocol);
        return new ComputeSpec(formatVersion, cluster, suspendTimeoutSeconds, tenantId, timelineId, Optional.of(info),
                Optional.of(String.join(",", urls)), stripe, safekeeperConnstrings, safekeepersGeneration, storageAuthToken, mode, extra);
    }

    /** A copy with the safekeepers ({@code host:pg_port} each) and their membership generation, as after notify-safekeepers. */
    public ComputeSpec withSafekeepers(List<String> connstrings, long generation) {
        if (connstrings == null || connstrings.isEmpty()) {
            throw new IllegalArgumentException("connstrings must list at least one safekeeper host:port");
        }
        for (String c : connstrings) {
            if (c == null || !c.matches("[^\\s:/,]+:\\d{1,5}")) {
                throw new IllegalArgumentException("safekeeper connstrings are host:pg_port, got '" + c + "'");
            }
        }
        if (generation < 0 || generation > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("generation must be an unsigned 32-bit number, got " + generation);
        }
        return new ComputeSpec(formatVersion, cluster, suspendTimeoutSeconds, tenantId, timelineId, pageserverConnectionInfo,
                pageserverConnstring, shardStripeSize, connstrings, Optional.of(generation), storageAuthToken, mode, extra);
    }

    /** A copy with {@code token} as the storage password (JWT with {@code tenant} scope). */
    public ComputeSpec withStorageAuthToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("storage auth token must not be blank");
        }
        return new ComputeSpec(formatVersion, cluster, suspendTimeoutSeconds, tenantId, timelineId, pageserverConnectionInfo,
                pageserverConnstring, shardStripeSize, safekeeperConnstrings, safekeepersGeneration, Optional.of(token), mode, extra);
    }

    /**
     * Reads a spec in compute_ctl's JSON form (what {@code --spec-path} holds, or the {@code spec} of a
     * {@code POST /configure} body); keys it does not type are kept in {@link #extra()}.
     *
     * @throws IllegalArgumentException when the text is not a JSON object with {@code format_version}, {@code cluster}
     *                                  and {@code suspend_timeout_seconds}
     */
    public static ComputeSpec parse(String json) {
        java.util.Objects.requireNonNull(json, "json");
        try {
            return Json.decode(json, ComputeSpec.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a compute spec must be compute_ctl's JSON object with format_version, cluster and"
                    + " suspend_timeout_seconds: " + e.getMessage(), e);
        }
    }

    /** The wire JSON, as compute_ctl reads it (the storage token included: keep it out of logs). */
    public String toJsonText() {
        return Json.encodeToString(this);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ComputeSpec fromJson(Map<String, Object> json) {
        Map<String, Object> extra = new LinkedHashMap<>(json);
        KNOWN.forEach(extra::remove);
        Object version = json.get("format_version");
        Object timeout = json.get("suspend_timeout_seconds");
        if (!(version instanceof Number v) || !(timeout instanceof Number t)) {
            throw new IllegalArgumentException("compute spec needs numeric format_version and suspend_timeout_seconds");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> cluster = (Map<String, Object>) json.get("cluster");
        List<String> sks = json.get("safekeeper_connstrings") == null ? List.of()
                : Json.MAPPER.convertValue(json.get("safekeeper_connstrings"), new TypeReference<List<String>>() {});
        return new ComputeSpec(v.doubleValue(), cluster, t.longValue(),
                opt(json, "tenant_id", TenantId.class), opt(json, "timeline_id", TimelineId.class),
                opt(json, "pageserver_connection_info", PageserverConnectionInfo.class),
                opt(json, "pageserver_connstring", String.class), opt(json, "shard_stripe_size", StripeSize.class), sks,
                opt(json, "safekeepers_generation", Long.class), opt(json, "storage_auth_token", String.class),
                json.get("mode") == null ? ComputeMode.primary() : ComputeMode.fromJson(json.get("mode")), extra);
    }

    private static <T> Optional<T> opt(Map<String, Object> json, String key, Class<T> type) {
        Object v = json.get(key);
        return v == null ? Optional.empty() : Optional.of(Json.MAPPER.convertValue(v, type));
    }

    /** The wire form: unknown keys first as received, then the typed fields (null where absent, as upstream writes them). */
    @JsonValue
    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>(extra);
        out.put("format_version", formatVersion);
        out.put("cluster", cluster);
        out.put("tenant_id", tenantId.orElse(null));
        out.put("timeline_id", timelineId.orElse(null));
        out.put("pageserver_connection_info", pageserverConnectionInfo.orElse(null));
        out.put("pageserver_connstring", pageserverConnstring.orElse(null));
        out.put("shard_stripe_size", shardStripeSize.orElse(null));
        out.put("safekeepers_generation", safekeepersGeneration.orElse(null));
        out.put("safekeeper_connstrings", safekeeperConnstrings);
        out.put("mode", mode);
        out.put("storage_auth_token", storageAuthToken.orElse(null));
        out.put("suspend_timeout_seconds", suspendTimeoutSeconds);
        return out;
    }

    @Override
    public String toString() {
        return "ComputeSpec[tenantId=" + tenantId.map(Object::toString).orElse("-") + ", timelineId="
                + timelineId.map(Object::toString).orElse("-") + ", pageserverConnstring=" + pageserverConnstring.orElse("-")
                + ", shardStripeSize=" + shardStripeSize.map(Object::toString).orElse("-") + ", safekeeperConnstrings="
                + safekeeperConnstrings + ", safekeepersGeneration=" + safekeepersGeneration.map(Object::toString).orElse("-")
                + ", storageAuthToken=" + (storageAuthToken.isPresent() ? "<redacted>" : "-") + ", mode=" + mode
                + ", extraKeys=" + extra.keySet() + "]";
    }
}
