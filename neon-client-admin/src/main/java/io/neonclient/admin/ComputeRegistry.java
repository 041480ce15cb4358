package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.compute.TerminateMode;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link ComputeFleet} kept in memory, or backed by the {@link ComputeStore} a {@link ComputeHook} follows (then
 * every compute it starts is registered there, and the spec it reads is the one the hook last applied): each compute with the spec it was last configured with, which is what a
 * compute hook needs to re-point it (compute_ctl has no endpoint that returns its spec, and a re-configure must send
 * the <em>whole</em> previous spec with only the storage fields changed, as {@code neon_local}'s endpoint reconfigure
 * does in upstream {@code control_plane/src/endpoint.rs}).
 */
public final class ComputeRegistry implements ComputeFleet {
    private final Function<ComputeSpec, ComputeClient> launcher;
    private final ComputeCtlConfig config;
    private final Map<ComputeClient, ComputeSpec> specs = new LinkedHashMap<>();
    /** The computes {@link #following} found in the store, with their records: their ids and tenants are the store's. */
    private final Map<ComputeClient, ComputeRecord> followed = new HashMap<>();
    private final ComputeStore store;

    /**
     * @param launcher starts a compute_ctl for a spec (docker run, a pod, the testkit's {@code newCompute()}) and returns its
     *                 client; the registry then configures it with {@code POST /configure}
     * @param config   the {@code compute_ctl_config} sent with every configure
     */
    public ComputeRegistry(Function<ComputeSpec, ComputeClient> launcher, ComputeCtlConfig config) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.config = Objects.requireNonNull(config, "config");
        this.store = null;
    }

    /**
     * As {@link #ComputeRegistry(Function, ComputeCtlConfig)}, recording every compute in {@code store} under the id
     * {@code host:port} of its compute_ctl, so that a {@link ComputeHook} on the same store keeps it pointed at its shards.
     */
    public ComputeRegistry(Function<ComputeSpec, ComputeClient> launcher, ComputeCtlConfig config, ComputeStore store) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The computes recorded in {@code store} (by {@code neon-ops compute register}, a {@link ComputeHook}, or a registry
     * on the same store), each reached through {@code connect}: what a recovery re-points when the computes were
     * started elsewhere. Reads the store now; sends nothing. A re-point records the new spec under the compute's own
     * id. It launches nothing: {@link #start} refuses. The caller closes the clients {@code connect} made.
     *
     * @param config the {@code compute_ctl_config} sent with every configure
     */
    public static ComputeRegistry following(ComputeStore store, Function<ComputeRecord, ComputeClient> connect, ComputeCtlConfig config) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(connect, "connect");
        ComputeRegistry registry = new ComputeRegistry(spec -> {
            throw new UnsupportedOperationException("this registry follows computes started elsewhere (its store's); it starts none");
        }, config, store);
        for (ComputeRecord r : store.list()) {
            ComputeClient c = Objects.requireNonNull(connect.apply(r), "connect returned null");
            synchronized (registry) {
                registry.followed.put(c, r);
                registry.specs.put(c, r.spec());
            }
        }
        return registry;
    }

    /** The id a compute is recorded under in the store: its compute_ctl's {@code host:port}. */
    public static String idOf(ComputeClient compute) {
        Objects.requireNonNull(compute, "compute");
        return compute.baseUri().getHost() + ":" + compute.baseUri().getPort();
    }

    /** Registers a compute that is already running with {@code spec} (in the store too, when the spec names its tenant and timeline). */
    public synchronized void register(ComputeClient compute, ComputeSpec spec) {
        specs.put(Objects.requireNonNull(compute, "compute"), Objects.requireNonNull(spec, "spec"));
        ComputeRecord record = followed.get(compute);
        if (record != null) {
            record = record.withSpec(spec);
            followed.put(compute, record);
            store.put(record);
        } else if (store != null && spec.tenantId().isPresent() && spec.timelineId().isPresent()) {
            store.put(ComputeRecord.of(idOf(compute), compute.baseUri(), spec));
        }
    }

    /** The store's id for {@code compute}: its record's when followed, else {@link #idOf}. */
    private String storeId(ComputeClient compute) {
        ComputeRecord record = followed.get(compute);
        return record != null ? record.computeId() : idOf(compute);
    }

    /** The tenant {@code compute} serves: its record's when followed, else its spec's. */
    private Optional<TenantId> tenantOf(ComputeClient compute) {
        ComputeRecord record = followed.get(compute);
        return record != null ? Optional.of(record.tenantId()) : Optional.ofNullable(specs.get(compute)).flatMap(ComputeSpec::tenantId);
    }

    @Override
    public synchronized List<ComputeClient> computesOf(TenantId tenant) {
        List<ComputeClient> out = new ArrayList<>();
        for (ComputeClient c : specs.keySet()) {
            if (tenantOf(c).filter(tenant::equals).isPresent()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Launches a compute, configures it with {@code spec} ({@code POST /configure}, blocking until running) and registers it. */
    @Override
    public ComputeClient start(ComputeSpec spec) {
        ComputeClient compute = launcher.apply(spec);
        compute.configure(spec, config);
        register(compute, spec);
        return compute;
    }

    /** The spec a compute was last configured with. */
    public synchronized Optional<ComputeSpec> specOf(ComputeClient compute) {
        if (store != null && specs.containsKey(compute)) {
            Optional<ComputeRecord> recorded = store.find(storeId(compute));
            if (recorded.isPresent()) {
                return Optional.of(recorded.get().spec());
            }
        }
        return Optional.ofNullable(specs.get(compute));
    }

    /**
     * Re-points every registered compute of {@code tenant} at {@code placement}: its previous spec with the storage
     * fields replaced, sent with {@code POST /configure}. Returns the computes that failed, with why.
     */
    public Map<ComputeClient, String> repoint(TenantId tenant, ShardPlacement placement) {
        return repoint(tenant, placement, computesOf(tenant));
    }

    /** Re-points {@code which} (computes of {@code tenant}) at {@code placement}; returns those that failed, with why. */
    public Map<ComputeClient, String> repoint(TenantId tenant, ShardPlacement placement, List<ComputeClient> which) {
        Map<ComputeClient, String> failures = new LinkedHashMap<>();
        for (ComputeClient c : which) {
            boolean ofTenant;
            synchronized (this) {
                ofTenant = specs.containsKey(c) && tenantOf(c).filter(tenant::equals).isPresent();
            }
            if (!ofTenant) {
                throw new IllegalArgumentException("compute " + c + " is not a registered compute of tenant " + tenant);
            }
            ComputeSpec updated = specOf(c).orElseThrow().withPlacement(placement);
            try {
                c.configure(updated, config);
                register(c, updated);
            } catch (RuntimeException e) {
                failures.put(c, e.getMessage());
            }
        }
        return failures;
    }

    /** Terminates the compute ({@code POST /terminate?mode=fast}, unless already terminated) and forgets it. */
    @Override
    public void stop(ComputeClient compute) {
        if (compute.status().status() != ComputeStatus.TERMINATED) {
            compute.terminate(TerminateMode.FAST);
        }
        synchronized (this) {
            String id = storeId(compute);
            specs.remove(compute);
            followed.remove(compute);
            if (store != null) {
                store.remove(id);
            }
        }
    }
}
