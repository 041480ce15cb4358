package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.pageserver.PgdataImports;
import io.neonclient.testkit.internal.pageserver.TimelineCreation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's timeline operations, named after the functions of storage_controller/src/service.rs they mirror:
 * {@code tenant_timeline_create} (shard 0 first, then the others), {@code tenant_timeline_delete} (non-zero shards
 * first; 409 with a null body while still deleting), the fan-out of {@code tenant_remote_mutation} (leases, archival,
 * detach_ancestor, GC blocking), {@code tenant_timeline_describe}, {@code tenant_shard0_node} (the passthrough) and
 * {@code tenant_timeline_download_heatmap_layers}. The shards to call are read with the {@link Storcon} monitor held
 * into {@link Target} snapshots; the pageserver calls happen without it.
 */
public final class StorconTimelines {
    /** A shard and the node it is attached to, read under the monitor. */
    public record Target(TenantShardId shard, long node) {}

    private final Storcon sc;
    private final SafekeeperPlacement safekeepers;

    public StorconTimelines(Storcon sc) {
        this.sc = sc;
        this.safekeepers = new SafekeeperPlacement(sc);
    }

    /** The timelines' safekeeper placement (service.rs {@code tenant_timeline_create_safekeepers}, safekeeper migration). */
    public SafekeeperPlacement safekeepers() {
        return safekeepers;
    }

    /** The controller's 404 unless it knows the tenant (checked before a request body is read). */
    public void requireTenant(TenantId id) {
        sc.tenant(id);
    }

    /**
     * safekeeper_service.rs {@code tenant_timeline_safekeeper_migrate}: the tenant must exist, the timeline be known;
     * then {@link SafekeeperPlacement#migrate}. Answers the route's reply (200 null, or the error it maps to).
     */
    public Reply tenantTimelineSafekeeperMigrate(TenantId id, TimelineId timeline, List<Long> newSet) {
        sc.tenant(id);
        return safekeepers.migrate(id, sc.timelines().find(TenantShardId.unsharded(id), timeline), newSet);
    }

    /**
     * safekeeper_service.rs {@code tenant_timeline_safekeeper_migrate_abort}: the timeline must be known; a migration
     * here completes within its call, so there is nothing to abort.
     */
    public void tenantTimelineSafekeeperMigrateAbort(TenantId id, TimelineId timeline) {
        sc.timelines().find(TenantShardId.unsharded(id), timeline);
    }

    /**
     * service.rs {@code tenant_remote_mutation}: the attached shards, or upstream's 409 (Detached/Secondary policy) / 503
     * (not attached yet).
     */
    private List<ShardState> attachedShards(TenantId id) {
        synchronized (sc) {
            TenantState t = sc.tenant(id);
            if (!(t.policy() instanceof PlacementPolicy.Attached)) {
                throw HttpError.conflict("Shard " + t.shards().get(0).id() + " tenant has policy " + t.policy());
            }
            for (ShardState s : t.shards()) {
                if (s.attached() == null || !ShardState.isAttached(s.observed().get(s.attached())) || !sc.available(s.attached())) {
                    throw HttpError.unavailable("One or more shards in tenant is not yet attached");
                }
            }
            return List.copyOf(t.shards());
        }
    }

    /** {@link #attachedShards} as snapshots. */
    private List<Target> tenantRemoteMutation(TenantId id) {
        List<ShardState> shards = attachedShards(id);
        synchronized (sc) {
            List<Target> out = new ArrayList<>();
            for (ShardState s : shards) {
                out.add(new Target(s.id(), s.attached()));
            }
            return out;
        }
    }

    private static Reply orThrow(Reply reply) {
        if (reply.status() >= 400) {
            JsonNode body = reply.body().length == 0 ? null : Json.tree(reply.body());
            String msg = body != null && body.has("msg") ? body.get("msg").asText() : "";
            throw HttpError.of(reply.status(), msg);
        }
        return reply;
    }

    /**
     * service.rs {@code tenant_timeline_create}: creates the timeline on shard 0's pageserver, then on the others, starts
     * an import job for {@code import_pgdata}, and places the timeline on safekeepers when the controller does that. The
     * answer is shard 0's TimelineInfo with {@code safekeepers} set (or null).
     */
    public ObjectNode tenantTimelineCreate(TenantId id, TimelineCreation mode, byte[] body) {
        List<ShardState> shards = attachedShards(id);
        List<Target> targets = new ArrayList<>();
        synchronized (sc) {
            for (ShardState s : shards) {
                if (s.splitting() && mode instanceof TimelineCreation.ImportPgdata) {
                    throw HttpError.conflict("Tenant is splitting shard");
                }
                targets.add(new Target(s.id(), s.attached()));
            }
        }
        Target zero = targets.get(0);
        Reply first = orThrow(sc.callPageserver(zero.node(), "POST", "/v1/tenant/" + zero.shard() + "/timeline", null, body));
        for (Target s : targets.subList(1, targets.size())) {
            orThrow(sc.callPageserver(s.node(), "POST", "/v1/tenant/" + s.shard() + "/timeline", null, body));
        }
        if (mode instanceof TimelineCreation.ImportPgdata) {
            new PgdataImports(sc).start(id, mode.newTimelineId(), ((TimelineCreation.ImportPgdata) mode).location(), shards);
        }
        ObjectNode info = Json.MAPPER.createObjectNode();
        if (Json.tree(first.body()) instanceof ObjectNode o) {
            info.setAll(o);
        }
        TimelineData created = sc.timelines().find(zero.shard(), mode.newTimelineId());
        if (sc.timelinesOntoSafekeepers() && !(mode instanceof TimelineCreation.ImportPgdata)) {
            TimelineData.Membership m = created.membership();
            info.set("safekeepers", m.generation() > 0
                    ? safekeepers.info(id, created.id(), m.generation(), m.set()) : safekeepers.place(id, created));
        } else {
            info.putNull("safekeepers");
        }
        return info;
    }

    /**
     * service.rs {@code tenant_timeline_delete}: deletes on the non-zero shards first, then shard 0, and waits (up to 25 s,
     * scaled) for the remote deletion; 409 with a null body while it is still running.
     */
    public void tenantTimelineDelete(TenantId id, TimelineId tl) {
        List<Target> shards = tenantRemoteMutation(id);
        if (sc.timelinesOntoSafekeepers()) {
            // service.rs tenant_timeline_delete also deletes the timeline on its safekeepers when it placed it there
            RemoteStorage.TenantData data = sc.timelines().remote().existing(id);
            TimelineData placed = data == null ? null : data.timeline(tl);
            if (placed != null) {
                placed.markWalGone();
            }
        }
        for (int i = shards.size() - 1; i >= 0; i--) {
            Target s = shards.get(i);
            Reply rep = sc.callPageserver(s.node(), "DELETE", "/v1/tenant/" + s.shard() + "/timeline/" + tl, null, new byte[0]);
            if (rep.status() == 404 && i == shards.size() - 1) {
                RemoteStorage.TenantData data = sc.timelines().remote().existing(id);
                TimelineData gone = data == null ? null : data.stored(tl);
                if (gone == null) {
                    orThrow(rep);
                }
                return;
            }
            if (rep.status() != 404) {
                orThrow(rep);
            }
        }
        long deadline = System.nanoTime() + sc.timing().millis(Duration.ofSeconds(25)) * 1_000_000;
        RemoteStorage.TenantData data = sc.timelines().remote().existing(id);
        while (System.nanoTime() < deadline) {
            TimelineData t = data == null ? null : data.stored(tl);
            if (t == null || t.deletedAt() != null) {
                return;
            }
            Router.sleep(2);
        }
        throw HttpError.withNullBody(409);
    }

    /**
     * service.rs {@code tenant_remote_mutation} applied to a timeline route ({@code lsn_lease}, {@code archival_config},
     * {@code detach_ancestor}, {@code block_gc}, {@code unblock_gc}): the same call on every attached shard, in shard
     * order; the first error is the answer, else shard 0's answer.
     */
    public Reply tenantTimelineFanOut(TenantId id, TimelineId tl, String method, String suffix, String rawQuery, byte[] body) {
        Reply first = null;
        for (Target s : tenantRemoteMutation(id)) {
            Reply rep = orThrow(sc.callPageserver(s.node(), method, "/v1/tenant/" + s.shard() + "/timeline/" + tl + suffix, rawQuery, body));
            if (first == null) {
                first = rep;
            }
        }
        return first;
    }

    /** service.rs {@code tenant_timeline_describe}: every shard's TimelineInfo, as {@code {"shards": [..]}}. */
    public ObjectNode tenantTimelineDescribe(TenantId id, TimelineId tl) {
        List<Target> shards = tenantRemoteMutation(id);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode arr = out.putArray("shards");
        for (Target s : shards) {
            arr.add(Json.tree(orThrow(sc.callPageserver(s.node(), "GET", "/v1/tenant/" + s.shard() + "/timeline/" + tl, null, new byte[0])).body()));
        }
        return out;
    }

    /**
     * service.rs {@code tenant_shard0_node} and http.rs {@code handle_tenant_timeline_passthrough}: the request, with the
     * tenant id replaced by shard 0's id, sent to shard 0's pageserver; 409 when it is not attached, 503 for a tenant
     * 404 (a migration in progress).
     */
    public Reply tenantTimelinePassthrough(TenantId id, String method, String path, String query, byte[] body) {
        Target zero;
        synchronized (sc) {
            TenantState t = sc.tenant(id);
            ShardState s = t.shards().get(0);
            if (s.attached() == null) {
                throw HttpError.conflict("Cannot call timeline API on non-attached tenant");
            }
            zero = new Target(s.id(), s.attached());
        }
        String shardPath = path.replace(id.toString(), zero.shard().toString());
        String shardQuery = query == null ? null : query.replace(id.toString(), zero.shard().toString());
        Reply rep = sc.callPageserver(zero.node(), method, shardPath, shardQuery, body);
        if (rep.status() == 404) {
            String text = new String(rep.body(), StandardCharsets.UTF_8);
            if (text.contains("Tenant ")) {
                throw HttpError.unavailable("Pageserver " + zero.node() + " returned tenant 404 due to ongoing migration, retry later");
            }
        }
        return rep;
    }

    /**
     * service.rs {@code tenant_timeline_download_heatmap_layers}: for every shard the id covers (all of the tenant's for
     * an unsharded id, else that one shard) with an attached intent, calls the pageserver's route with {@code query}; the
     * pageservers' answers and failures are ignored, as {@code tenant_for_shards_api}'s results are dropped.
     */
    public void tenantTimelineDownloadHeatmapLayers(TenantShardId id, TimelineId timeline, String query) {
        List<Target> targets = new ArrayList<>();
        synchronized (sc) {
            TenantState t = sc.tenantOrNull(id.tenantId());
            if (t != null) {
                for (ShardState s : t.shards()) {
                    if ((id.shardIndex().isUnsharded() || s.id().equals(id)) && s.attached() != null) {
                        targets.add(new Target(s.id(), s.attached()));
                    }
                }
            }
        }
        for (Target target : targets) {
            try {
                sc.callPageserver(target.node(), "POST", "/v1/tenant/" + target.shard() + "/timeline/" + timeline
                        + "/download_heatmap_layers", query, new byte[0]);
            } catch (HttpError e) {
                // An unreachable pageserver is ignored like any other per-shard result.
            }
        }
    }
}
