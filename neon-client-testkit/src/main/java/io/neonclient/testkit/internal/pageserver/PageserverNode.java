package io.neonclient.testkit.internal.pageserver;

import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.model.LocationConfigMode;
import io.neonclient.testkit.internal.cluster.RemoteStorage;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.http.ServerHost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One simulated pageserver: its HTTP listener, a fake libpq port computes name in their connstrings, and the
 * location configs it holds (lost on restart, like upstream's in-memory tenant map, and handed back by the
 * controller's re-attach).
 */
public final class PageserverNode {
    private final long id;
    private final int pgPort;
    private final Map<TenantShardId, Location> locations = new ConcurrentHashMap<>();
    private final RemoteStorage remote;
    private ServerHost host;
    private Router router;

    /** A pageserver writing attached shards' prefixes to {@code remote} (null: no remote storage bookkeeping). */
    public PageserverNode(long id, int pgPort, RemoteStorage remote) {
        this.id = id;
        this.pgPort = pgPort;
        this.remote = remote;
    }

    public void host(ServerHost host, Router router) {
        this.host = host;
        this.router = router;
    }

    /** The route table, for the controller's in-process calls (so faults injected on pageserver routes apply). */
    public Router router() {
        return router;
    }

    public long id() {
        return id;
    }

    public int pgPort() {
        return pgPort;
    }

    public ServerHost host() {
        return host;
    }

    public boolean running() {
        return host != null && host.running();
    }

    public void start() {
        host.start();
    }

    /** Stops the listener and forgets every location (a process restart loses its in-memory tenant map). */
    public void stop() {
        host.stop();
        locations.clear();
    }

    /** Throws the error a caller sees when the process is down. */
    public void ensureReachable() {
        if (!running()) {
            throw HttpError.unavailable("error sending request for url (http://127.0.0.1:" + host.port()
                    + "/v1/...): client error (Connect): tcp connect error: Connection refused (os error 111)");
        }
    }

    public Location location(TenantShardId shard) {
        return locations.get(shard);
    }

    public void setLocation(TenantShardId shard, Location location) {
        if (location == null || location.mode == LocationConfigMode.DETACHED) {
            locations.remove(shard);
        } else {
            locations.put(shard, location);
            if (remote != null && location.attached() && location.generation != null) {
                remote.recordAttach(shard, location.generation, location.stripeSize);
            }
        }
    }

    /** How many shard locations (attached or secondary) this pageserver holds. */
    public int locationCount() {
        return locations.size();
    }

    public List<TenantShardId> shards() {
        List<TenantShardId> out = new ArrayList<>(locations.keySet());
        out.sort(Comparator.comparing(TenantShardId::toString));
        return out;
    }

    /** The attached location of {@code shard}, or the pageserver's 404 for a tenant it does not hold. */
    public Location attached(TenantShardId shard) {
        Location l = locations.get(shard);
        if (l == null || !l.attached()) {
            throw HttpError.notFound("Tenant " + shard + " not found");
        }
        return l;
    }

    /** Shard ids of {@code tenant} held attached here. */
    public List<TenantShardId> attachedShardsOf(TenantId tenant) {
        List<TenantShardId> out = new ArrayList<>();
        locations.forEach((k, v) -> {
            if (k.tenantId().equals(tenant) && v.attached()) {
                out.add(k);
            }
        });
        return out;
    }
}
