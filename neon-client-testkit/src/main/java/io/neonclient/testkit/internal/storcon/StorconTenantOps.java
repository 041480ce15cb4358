package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.storcon.ShardSchedulingPolicy;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.Location;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import io.neonclient.testkit.internal.pageserver.PageserverTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tenant operations of the controller beyond create and delete, named after the functions of
 * storage_controller/src/service.rs they mirror: {@code tenant_config_get}, {@code tenant_config_set},
 * {@code tenant_config_patch}, {@code tenant_location_config}, {@code tenant_secondary_download} and
 * {@code tenant_time_travel_remote_storage}. Each takes the
 * {@link Storcon} monitor for one consistent step and never blocks while holding it.
 */
public final class StorconTenantOps {
    private final Storcon sc;

    public StorconTenantOps(Storcon sc) {
        this.sc = sc;
    }

    /** service.rs {@code tenant_config_get}: the tenant's own config (the controller has no defaults to merge). */
    public ObjectNode tenantConfigGet(TenantId id) {
        synchronized (sc) {
            return sc.tenant(id).config();
        }
    }

    /**
     * service.rs {@code tenant_config_set} ({@code patch} false: the fields given replace the config) and
     * {@code tenant_config_patch} ({@code patch} true: the fields given are merged in, a null removes one); the new
     * config is then pushed to every location of the tenant's shards.
     */
    public void tenantConfigSet(TenantId id, ObjectNode fields, boolean patch) {
        TenantState t;
        synchronized (sc) {
            t = sc.load(id);
            ObjectNode next = patch ? t.config() : Json.MAPPER.createObjectNode();
            fields.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    next.remove(e.getKey());
                } else {
                    next.set(e.getKey(), e.getValue());
                }
            });
            t.setConfig(next);
        }
        for (PageserverNode p : sc.pageserverList()) {
            synchronized (sc) {
                for (ShardState s : t.shards()) {
                    Location l = p.location(s.id());
                    if (l != null) {
                        p.setLocation(s.id(), new Location(l.mode, l.generation, l.shardNumber, l.shardCount, l.stripeSize,
                                t.config(), l.warmAtNanos));
                    }
                }
            }
        }
    }

    /** A shard of {@code tenant_locate}: the node it is attached to, as {@code GET /control/v1/node/{id}} describes it. */
    public record LocatedShard(TenantShardId shard, long node, ObjectNode nodeDescription) {}

    /** The answer of {@code tenant_locate}: each shard's node and the tenant's shard parameters. */
    public record TenantLocation(List<LocatedShard> shards, int shardCount, int stripeSize) {}

    /** service.rs {@code tenant_locate}: where each shard is attached; 400 when one is not. */
    public TenantLocation tenantLocate(TenantId id) {
        synchronized (sc) {
            TenantState t = sc.tenant(id);
            List<LocatedShard> shards = new ArrayList<>();
            for (ShardState s : t.shards()) {
                if (s.attached() == null) {
                    throw HttpError.badRequest("Cannot locate a tenant that is not attached");
                }
                shards.add(new LocatedShard(s.id(), s.attached(), sc.nodeOrNull(s.attached()).describe()));
            }
            return new TenantLocation(List.copyOf(shards), t.shardCount(), t.stripeSize());
        }
    }

    /** A shard of a {@code tenant_location_config} answer: where it is attached. */
    public record AttachedShard(TenantShardId shard, long node) {}

    /** The answer of {@code tenant_location_config}: the attached shards and, for a sharded tenant, its stripe size. */
    public record LocationConfigResult(List<AttachedShard> shards, Optional<Integer> stripeSize) {}

    /**
     * service.rs {@code tenant_location_config}: the pageserver-compatible API for importing an unsharded tenant. An
     * unknown (or dropped) tenant is created with one shard; the mode sets the placement policy ({@code Attached*}
     * attached, {@code Secondary}, {@code Detached}); the tenant is then reconciled and its attached shards reported.
     *
     * @param mode one of {@code AttachedSingle}, {@code AttachedMulti}, {@code AttachedStale}, {@code Secondary},
     *             {@code Detached}
     * @param generation the caller's generation for an attached mode of a new tenant, or null
     * @param tenantConf the tenant config to keep
     */
    public LocationConfigResult tenantLocationConfig(TenantId id, String mode, Integer generation, ObjectNode tenantConf) {
        boolean attached = mode.startsWith("Attached");
        TenantState t;
        synchronized (sc) {
            TenantState reloaded = sc.takeDropped(id);
            if (reloaded != null) {
                sc.putTenant(reloaded);
            }
            t = sc.tenantOrNull(id);
            if (t == null) {
                t = new TenantState(id);
                t.setStripeSize(2048);
                t.addShard(new ShardState(TenantShardId.of(id, ShardIndex.UNSHARDED)));
                sc.putTenant(t);
                sc.insertHealthRecords(t, null);
                sc.timelines().remote().tenant(id).recordShardCount(0);
                if (generation != null && attached) {
                    t.shards().get(0).setGeneration(generation - 1);
                }
            }
            t.setConfig(tenantConf);
            PlacementPolicy policy = attached ? PlacementPolicy.attached(sc.nodeList().size() > 1 ? 1 : 0)
                    : mode.equals("Secondary") ? PlacementPolicy.secondary() : PlacementPolicy.detached();
            t.setPolicy(policy);
            for (ShardState s : t.shards()) {
                if (!attached) {
                    s.setScheduling(ShardSchedulingPolicy.ACTIVE);
                }
                String err = sc.scheduler().schedule(policy, s);
                if (err != null) {
                    s.setLastError("Scheduling error: " + err);
                }
            }
        }
        sc.reconcile(t);
        sc.awaitIdle(sc.snapshot(t), sc.timing().millis(Duration.ofSeconds(5)));
        synchronized (sc) {
            List<AttachedShard> shards = new ArrayList<>();
            for (ShardState s : t.shards()) {
                if (s.attached() != null) {
                    shards.add(new AttachedShard(s.id(), s.attached()));
                }
            }
            return new LocationConfigResult(List.copyOf(shards), t.shardCount() > 1 ? Optional.of(t.stripeSize()) : Optional.empty());
        }
    }

    /**
     * The progress of a tenant's secondary downloads, summed over every secondary location of every shard.
     *
     * @param sample the progress of one warm secondary location (its {@code heatmap_mtime} is reported), or null
     */
    public record SecondaryProgress(boolean complete, long layersDownloaded, long layersTotal, ObjectNode sample) {}

    /**
     * service.rs {@code tenant_secondary_download}: waits up to {@code wait} (scaled) for every secondary location of
     * the tenant to be warm, polling without the monitor held between reads; the progress when they are or when the
     * time is up. A location not yet created counts 12 layers to download. 404 when the tenant has no secondary location.
     */
    public SecondaryProgress tenantSecondaryDownload(TenantId id, Duration wait) {
        long deadline = System.nanoTime() + sc.timing().millis(wait) * 1_000_000;
        while (true) {
            long done = 0;
            long total = 0;
            boolean allWarm = true;
            boolean any = false;
            ObjectNode sample = null;
            synchronized (sc) {
                TenantState t = sc.tenant(id);
                for (ShardState s : t.shards()) {
                    for (Long sec : s.secondaries()) {
                        PageserverNode p = sc.pageserver(sec);
                        Location l = p == null ? null : p.location(s.id());
                        any = true;
                        if (l == null || !l.secondary()) {
                            allWarm = false;
                            total += 12;
                            continue;
                        }
                        ObjectNode prog = PageserverTenants.secondaryProgress(l);
                        sample = prog;
                        done += prog.get("layers_downloaded").asLong();
                        total += prog.get("layers_total").asLong();
                        allWarm &= l.warm();
                    }
                }
            }
            if (!any) {
                throw HttpError.notFound("No secondary locations for tenant " + id);
            }
            if (allWarm || System.nanoTime() >= deadline) {
                return new SecondaryProgress(allWarm, done, total, sample);
            }
            Router.sleep(5);
        }
    }

    /**
     * service.rs {@code tenant_time_travel_remote_storage}: every shard of the tenant must be detached (no intent and
     * nothing observed, else 500), some pageserver available (409), {@code travelTo} not after {@code doneIfAfter}
     * (500), all checked with the monitor held; then remote storage is rewound without it. Each listed shard count
     * names a remote prefix that is rewound; a layout the tenant used but the caller did not list keeps its newer
     * state, as upstream rewinds only the prefixes it is given.
     */
    public void tenantTimeTravelRemoteStorage(TenantId id, Instant travelTo, Instant doneIfAfter, Set<Integer> shardCounts) {
        synchronized (sc) {
            TenantState t = sc.tenantOrNull(id);
            if (t != null) {
                for (ShardState s : t.shards()) {
                    if (s.attached() != null || !s.secondaries().isEmpty()) {
                        throw HttpError.internal("We want tenant to be attached in shard with tenant_shard_id=" + s.id());
                    }
                    for (var e : s.observed().entrySet()) {
                        throw HttpError.internal("We observed attached=" + (ShardState.isAttached(e.getValue())
                                ? "AttachedSingle" : "Secondary") + " tenant in node_id=" + e.getKey() + " shard with tenant_shard_id=" + s.id());
                    }
                }
            }
            if (sc.nodeList().stream().noneMatch(StorconNode::available)) {
                throw HttpError.conflict("Scheduling error: No pageservers available to run time travel");
            }
            if (travelTo.isAfter(doneIfAfter)) {
                throw HttpError.internal("Error processing HTTP request: InternalServerError(travel_to " + travelTo
                        + " is after done_if_after " + doneIfAfter + ")");
            }
        }
        RemoteStorage.TenantData data = sc.timelines().remote().existing(id);
        if (data != null) {
            Set<Integer> used;
            synchronized (data) {
                used = new HashSet<>(data.shardCounts());
            }
            if (shardCounts.containsAll(used)) {
                sc.timelines().remote().timeTravel(id, travelTo, sc.timelines().now());
            }
        }
    }
}
