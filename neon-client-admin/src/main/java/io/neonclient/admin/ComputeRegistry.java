package io.neonclient.admin;

import io.neonclient.compute.ComputeClient;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ComputeStatus;
import io.neonclient.compute.TerminateMode;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.TenantId;
import java.util.ArrayList;
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

    /** The id a compute is recorded under in the store: its compute_ctl's {@code host:port}. */
    public static String idOf(ComputeClient compute) {
        Objects.requireNonNull(compute, "compute");
        return compute.baseUri().getHost() + ":" + compute.baseUri().getPort();
    }

    /** Registers a compute that is already running with {@code spec} (in the store too, when the spec names its tenant and timeline). */
    public synchronized void register(ComputeClient compute, ComputeSpec spec) {
        specs.put(Objects.requireNonNull(compute, "compute"), Objects.requireNonNull(spec, "spec"));
        if (store != null && spec.tenantId().isPresent() && spec.timelineId().isPresent()) {
            store.put(ComputeRecord.of(idOf(compute), compute.baseUri(), spec));
        }
    }

    @Override
    public synchronized List<ComputeClient> computesOf(TenantId tenant) {
        List<ComputeClient> out = new ArrayList<>();
        specs.forEach((c, spec) -> {
            if (spec.tenantId().filter(tenant::equals).isPresent()) {
                out.add(c);
            }
        });
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
            Optional<ComputeRecord> recorded = store.find(idOf(compute));
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
            if (specOf(c).flatMap(ComputeSpec::tenantId).filter(tenant::equals).isEmpty()) {
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
            specs.remove(compute);
            if (store != null) {
                store.remove(idOf(compute));
            }
        }
    }
}
