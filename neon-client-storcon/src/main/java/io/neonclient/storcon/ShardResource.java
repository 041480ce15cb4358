package io.neonclient.storcon;

import io.neonclient.core.NodeId;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.internal.CheckedResend;
import io.neonclient.core.internal.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One shard: {@code /control/v1/tenant/{tenant_shard_id}/…} and the shard-addressed
 * {@code /v1/tenant/{tenant_shard_id}/timeline/…} routes. Get one with
 * {@link StorageControllerClient#shard(TenantShardId)}; an unsharded tenant's only shard is its bare id.
 */
public final class ShardResource {
    private static final String HEATMAP_LAYERS = "/v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers";

    private final StorageControllerClient client;
    private final TenantShardId id;

    ShardResource(StorageControllerClient client, TenantShardId id) {
        this.client = client;
        this.id = id;
    }

    /** The shard this handle addresses. */
    public TenantShardId id() {
        return id;
    }

    /**
     * {@code PUT /control/v1/tenant/{tenant_shard_id}/migrate} (scope admin) with {@code {"node_id": …}} and
     * upstream's default config (prewarm: a graceful migration that cuts over later). Idempotent.
     * {@link ShardMigration#await} waits until the shard is attached on {@code node} and idle.
     *
     * @throws io.neonclient.core.PreconditionFailedException when the node is unavailable or scores worse (use
     *                                                       {@link MigrationConfig#withOverrideScheduler})
     */
    public ShardMigration migrateTo(NodeId node) {
        return migrateTo(node, MigrationConfig.defaults());
    }

    /** {@link #migrateTo(NodeId)} with {@code {"node_id", "origin_node_id": null, "migration_config": …}}. */
    public ShardMigration migrateTo(NodeId node, MigrationConfig config) {
        return migrate(node, null, config);
    }

    /**
     * {@link #migrateTo(NodeId, MigrationConfig)} that the controller refuses (412) unless the shard is currently
     * attached on {@code origin}. Not retried blindly: after a lost answer (503, transport failure) the shard's intent
     * is read, and the request is sent again only while the shard is still on {@code origin}; already on {@code node}
     * counts as done.
     *
     * @throws io.neonclient.core.PreconditionFailedException 412 when the shard is not attached on {@code origin}
     */
    public ShardMigration migrateTo(NodeId node, NodeId origin, MigrationConfig config) {
        return migrate(node, Validate.notNull("origin", origin), config);
    }

    private ShardMigration migrate(NodeId node, NodeId origin, MigrationConfig config) {
        Map<String, Object> body = migrateBody(node, origin, config);
        if (origin == null) {
            client.send(Request.put("/control/v1/tenant/{tenant_shard_id}/migrate", id).json(body).scope(Scope.ADMIN).idempotent(true));
        } else {
            migrateFromOrigin(node, origin, body);
        }
        return new ShardMigration(client, id, node);
    }

    /**
     * A migrate naming its origin is not sent twice blindly: once the first attempt moved the intent, the controller
     * answers a repeat with 412 because the shard is no longer attached on the origin ({@code tenant_shard_migrate} in
     * upstream {@code storage_controller/src/service.rs}). After a lost answer (503 or a transport failure) the shard's
     * intent is read first: already on {@code node} means the first attempt applied; still on {@code origin} means
     * nothing changed and the request is sent again; anything else ends with the original failure.
     */
    private void migrateFromOrigin(NodeId node, NodeId origin, Map<String, Object> body) {
        CheckedResend.send(client.config().retryPolicy(), () -> {
            client.send(Request.put("/control/v1/tenant/{tenant_shard_id}/migrate", id).json(body).scope(Scope.ADMIN).idempotent(false));
            return Boolean.TRUE;
        }, lost -> {
            Optional<NodeId> intent = client.tenant(id.tenantId()).describe().shard(id).flatMap(ShardDescription::attachedNode);
            if (intent.equals(Optional.of(node))) {
                return Optional.of(Boolean.TRUE);
            }
            if (!intent.equals(Optional.of(origin))) {
                throw lost;
            }
            return Optional.empty();
        });
    }

    /**
     * {@code PUT /control/v1/tenant/{tenant_shard_id}/migrate_secondary} (scope admin): moves the shard's secondary
     * location to {@code node}; the answer comes once the intent changed. Idempotent.
     */
    public void migrateSecondaryTo(NodeId node) {
        migrateSecondaryTo(node, MigrationConfig.defaults());
    }

    /** {@link #migrateSecondaryTo(NodeId)} with a migration config (the same body as migrate). */
    public void migrateSecondaryTo(NodeId node, MigrationConfig config) {
        client.send(Request.put("/control/v1/tenant/{tenant_shard_id}/migrate_secondary", id)
                .json(migrateBody(node, null, config)).scope(Scope.ADMIN).idempotent(true));
    }

    private static Map<String, Object> migrateBody(NodeId node, NodeId origin, MigrationConfig config) {
        Validate.notNull("node", node);
        Validate.notNull("config", config);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node_id", node);
        body.put("origin_node_id", origin);
        body.put("migration_config", config);
        return body;
    }

    /** {@code PUT /control/v1/tenant/{tenant_shard_id}/cancel_reconcile} (scope admin): cancels a running reconcile. */
    public void cancelReconcile() {
        client.send(Request.put("/control/v1/tenant/{tenant_shard_id}/cancel_reconcile", id).scope(Scope.ADMIN).idempotent(true));
    }

    /**
     * {@code PUT /control/v1/preferred_azs} (scope admin) for this shard only.
     *
     * @return true when the preference changed
     */
    public boolean updatePreferredAz(String availabilityZone) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put(id.toString(), Validate.nonBlank("availabilityZone", availabilityZone));
        return client.preferredAzs(body).contains(id);
    }

    /** {@code PUT /control/v1/preferred_azs} with {@code null} for this shard: clears its preferred AZ. */
    public boolean clearPreferredAz() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put(id.toString(), null);
        List<TenantShardId> updated = client.preferredAzs(body);
        return updated.contains(id);
    }

    /**
     * {@code POST /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers} (scope pageserverapi):
     * asks the attached pageserver to download the layers in the timeline's heatmap, with the pageserver's default
     * concurrency (16) and without ancestors. Fire-and-forget: a bare tenant id ({@link TenantShardId#unsharded})
     * applies it to every shard of the tenant. The controller forwards the request to each attached shard's pageserver
     * and ignores their answers ({@code Service::tenant_timeline_download_heatmap_layers} in
     * storage_controller/src/service.rs), so an unknown timeline, or a download already running there, is not
     * reported: the call succeeds once its query is valid. Not retried.
     */
    public void downloadHeatmapLayers(TimelineId timeline) {
        Validate.notNull("timeline", timeline);
        client.send(Request.post(HEATMAP_LAYERS, id, timeline).scope(Scope.PAGESERVER_API));
    }

    /**
     * {@code POST /v1/tenant/{tenant_shard_id}/timeline/{timeline_id}/download_heatmap_layers?concurrency=n[&recurse=true]}
     * (scope pageserverapi): {@link #downloadHeatmapLayers(TimelineId)} with this many parallel downloads (the
     * pageserver caps it at its remote storage limit), and with {@code recurse} also the ancestor timelines' layers.
     *
     * @param concurrency parallel layer downloads, at least 1
     * @param recurse     also download the layers of the timeline's ancestors
     */
    public void downloadHeatmapLayers(TimelineId timeline, int concurrency, boolean recurse) {
        Validate.notNull("timeline", timeline);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        Request.Builder r = Request.post(HEATMAP_LAYERS, id, timeline).query("concurrency", concurrency);
        if (recurse) {
            r.query("recurse", "true");
        }
        client.send(r.scope(Scope.PAGESERVER_API));
    }

    @Override
    public String toString() {
        return "shard " + id;
    }
}
