package io.neonclient.testkit.internal.cluster;

import io.neonclient.testkit.Component;
import io.neonclient.testkit.internal.compute.ComputeCatalog;
import io.neonclient.testkit.internal.compute.ComputeInternalRoutes;
import io.neonclient.testkit.internal.compute.ComputeNode;
import io.neonclient.testkit.internal.compute.ComputeOperatorRoutes;
import io.neonclient.testkit.internal.compute.ComputePrewarm;
import io.neonclient.testkit.internal.compute.ComputeRoutes;
import io.neonclient.testkit.internal.compute.ComputeSpecs;
import io.neonclient.testkit.internal.http.Auth;
import io.neonclient.testkit.internal.http.Reply;
import io.neonclient.testkit.internal.http.RouteAuth;
import io.neonclient.testkit.internal.http.Router;
import io.neonclient.testkit.internal.http.ServerHost;
import io.neonclient.testkit.internal.pageserver.PageserverMaintenanceRoutes;
import io.neonclient.testkit.internal.pageserver.PageserverNode;
import io.neonclient.testkit.internal.pageserver.PageserverOperatorRoutes;
import io.neonclient.testkit.internal.pageserver.PageserverRepairRoutes;
import io.neonclient.testkit.internal.pageserver.PageserverRoutes;
import io.neonclient.testkit.internal.pageserver.PageserverSizeRoutes;
import io.neonclient.testkit.internal.pageserver.PageserverStorageRoutes;
import io.neonclient.testkit.internal.pageserver.PageserverTenants;
import io.neonclient.testkit.internal.pageserver.PageserverTimelines;
import io.neonclient.testkit.internal.pageserver.PageserverWaitLsnRoutes;
import io.neonclient.testkit.internal.pageserver.Timelines;
import io.neonclient.testkit.internal.safekeeper.SafekeeperControlFileRoutes;
import io.neonclient.testkit.internal.safekeeper.SafekeeperControlFiles;
import io.neonclient.testkit.internal.safekeeper.SafekeeperNode;
import io.neonclient.testkit.internal.safekeeper.SafekeeperOperatorRoutes;
import io.neonclient.testkit.internal.safekeeper.SafekeeperPull;
import io.neonclient.testkit.internal.safekeeper.SafekeeperPullRoutes;
import io.neonclient.testkit.internal.safekeeper.SafekeeperRoutes;
import io.neonclient.testkit.internal.safekeeper.SafekeeperTimelineRoutes;
import io.neonclient.testkit.internal.storcon.ComputeHook;
import io.neonclient.testkit.internal.storcon.Heartbeats;
import io.neonclient.testkit.internal.storcon.NodeOperations;
import io.neonclient.testkit.internal.storcon.Storcon;
import io.neonclient.testkit.internal.storcon.StorconGate;
import io.neonclient.testkit.internal.storcon.StorconHeatmapLayersRoutes;
import io.neonclient.testkit.internal.storcon.StorconMetadataHealthRoutes;
import io.neonclient.testkit.internal.storcon.StorconNode;
import io.neonclient.testkit.internal.storcon.StorconNodeRoutes;
import io.neonclient.testkit.internal.storcon.StorconNodes;
import io.neonclient.testkit.internal.storcon.StorconShardRoutes;
import io.neonclient.testkit.internal.storcon.StorconShards;
import io.neonclient.testkit.internal.storcon.StorconTenantImportRoutes;
import io.neonclient.testkit.internal.storcon.StorconTenantOpsRoutes;
import io.neonclient.testkit.internal.storcon.StorconTenantRoutes;
import io.neonclient.testkit.internal.storcon.StorconTenants;
import io.neonclient.testkit.internal.storcon.StorconTimelineLocateRoutes;
import io.neonclient.testkit.internal.storcon.StorconTimelineRoutes;
import io.neonclient.testkit.internal.storcon.StorconTimelines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Wires the simulated components together; the public {@code NeonTestCluster} is a facade over this. */
public final class Cluster {
    private final Timing timing;
    private final Auth auth;
    private final FaultTable faults;
    private final Timelines timelines;
    private final Storcon storcon;
    private final Heartbeats heartbeats;
    private final StorconNodes storconNodes;
    private final StorconTenants storconTenants;
    private final Map<Long, PageserverNode> pageservers = new ConcurrentHashMap<>();
    /** Filled while the cluster is built, then only read. */
    private final Map<Long, ServerHost> safekeepers = new TreeMap<>();
    private final Map<Long, Router> safekeeperRouters = new ConcurrentHashMap<>();
    /** The computes and their listeners, in start order; guarded by the monitor of {@code computes}. */
    private final List<ComputeNode> computes = new ArrayList<>();
    private final List<ServerHost> computeHosts = new ArrayList<>();
    /** The computes' internal listeners, in {@link #computes} order. */
    private final List<ServerHost> computeInternalHosts = new ArrayList<>();
    private final AtomicLong nextComputeId = new AtomicLong(1);
    /** Endpoint storage's LFC states: endpoint id to cached pages (ComputePrewarm offload and prewarm). */
    private final Map<String, Long> endpointStorage = new ConcurrentHashMap<>();
    private final ServerHost storconHost;
    private final ScheduledExecutorService ticker;

    private final StorconGate gate;
    private final Duration startupReconcile;
    private final java.util.Set<Long> pendingReAttach = new java.util.LinkedHashSet<>();
    /** False while the controller process is down or running its start-up reconcile: no heartbeats, no reconciles. */
    private volatile boolean controllerUp;

    /** The simulated clock and timing settings. */
    public Timing timing() {
        return timing;
    }

    /** Token checking for every server. */
    public Auth auth() {
        return auth;
    }

    /** The fault table (latency, 503 bursts, dropped connections, …). */
    public FaultTable faults() {
        return faults;
    }

    /** Timeline state as remote storage knows it. */
    public Timelines timelines() {
        return timelines;
    }

    /** The storage controller's state. */
    public Storcon storcon() {
        return storcon;
    }

    /** The controller's heartbeater. */
    public Heartbeats heartbeats() {
        return heartbeats;
    }

    /** The controller's node operations. */
    public StorconNodes storconNodes() {
        return storconNodes;
    }

    /** The controller's tenant operations. */
    public StorconTenants storconTenants() {
        return storconTenants;
    }

    /** The controller's request gate (leadership, start-up, rate limits). */
    public StorconGate gate() {
        return gate;
    }

    /** The pageserver processes by node id (a read-only view of a concurrent map). */
    public Map<Long, PageserverNode> pageservers() {
        return java.util.Collections.unmodifiableMap(pageservers);
    }

    /** The safekeeper processes by id, in id order (a read-only view; fixed once the cluster is built). */
    public Map<Long, ServerHost> safekeepers() {
        return java.util.Collections.unmodifiableMap(safekeepers);
    }

    /** The computes started so far, in start order (a copy). */
    public List<ComputeNode> computes() {
        synchronized (computes) {
            return List.copyOf(computes);
        }
    }

    public Cluster(int pageserverCount, int safekeeperCount, Timing timing, Auth auth, long seed, URI controlPlane,
            String controlPlaneToken, int tenantRateLimit, Duration startupReconcile) {
        this.timing = timing;
        this.auth = auth;
        this.faults = new FaultTable(seed);
        this.timelines = new Timelines(new RemoteStorage(), timing);
        ComputeHook hook = new ComputeHook(controlPlane, controlPlaneToken, timing);
        this.storcon = new Storcon(timing, pageservers, timelines, hook);
        if (auth.enabled()) {
            storcon.authenticatePageserverCalls(auth.issue("pageserverapi", null));
        }
        this.heartbeats = new Heartbeats(storcon);
        this.storconNodes = new StorconNodes(storcon, heartbeats, new NodeOperations(storcon));
        this.storconTenants = new StorconTenants(storcon);
        java.util.Set<Integer> pgPorts = new java.util.HashSet<>();
        for (long id = 1; id <= pageserverCount; id++) {
            PageserverNode ps = new PageserverNode(id, distinctPort(pgPorts, Cluster::freePort), timelines.remote());
            PageserverTenants psTenants = new PageserverTenants(ps, timelines, timing);
            PageserverTimelines psTimelines = new PageserverTimelines(ps, psTenants);
            Router r = new PageserverStorageRoutes(psTenants, psTimelines)
                    .register(new PageserverRoutes(psTenants, psTimelines).register(new Router(Component.PAGESERVER, auth, faults)));
            new PageserverRepairRoutes(psTenants, psTimelines, auth).register(r);
            new PageserverMaintenanceRoutes(psTenants, psTimelines).register(r);
            new PageserverSizeRoutes(psTimelines).register(r);
            new FailpointRoutes(faults.failpoints, Component.PAGESERVER).register(r, "/v1/failpoints", RouteAuth.component("pageserverapi"));
            new PageserverWaitLsnRoutes(psTimelines).register(r);
            new PageserverOperatorRoutes(psTenants, psTimelines).register(r);
            ps.host(new ServerHost("pageserver-" + id, r), r);
            pageservers.put(id, ps);
        }
        List<Long> members = new ArrayList<>();
        for (long id = 1; id <= safekeeperCount; id++) {
            members.add(id);
        }
        String skToken = auth.enabled() ? "Bearer " + auth.issue("safekeeperdata", null) : null;
        for (long id = 1; id <= safekeeperCount; id++) {
            SafekeeperNode sk = new SafekeeperNode(id, members, timelines);
            Router r = new SafekeeperRoutes(sk).register(new Router(Component.SAFEKEEPER, auth, faults));
            new SafekeeperTimelineRoutes(sk).register(r);
            new FailpointRoutes(faults.failpoints, Component.SAFEKEEPER).register(r, "/v1/failpoints", RouteAuth.component("safekeeperdata"));
            new SafekeeperPullRoutes(new SafekeeperPull(sk, (httpHost, path) -> callSafekeeper(httpHost, path, skToken))).register(r);
            ServerHost host = new ServerHost("safekeeper-" + id, r);
            SafekeeperControlFiles files = new SafekeeperControlFiles(sk, () -> host.uri().getAuthority(), timing);
            new SafekeeperOperatorRoutes(sk, files).register(r);
            new SafekeeperControlFileRoutes(sk, files).register(r);
            safekeepers.put(id, host);
            safekeeperRouters.put(id, r);
            storcon.addSafekeeperServer(id, host);
        }
        this.gate = new StorconGate(storcon, timing, tenantRateLimit);
        this.startupReconcile = startupReconcile;
        Router sr = new Router(Component.STORAGE_CONTROLLER, auth, faults).guard(gate);
        new StorconNodeRoutes(storcon, storconNodes, gate).register(sr);
        new StorconShardRoutes(new StorconShards(storcon)).register(sr);
        new StorconTenantOpsRoutes(storcon).register(sr);
        new StorconTenantRoutes(storconTenants).register(sr);
        StorconTimelines storconTimelines = new StorconTimelines(storcon);
        new StorconTimelineRoutes(storconTimelines).register(sr);
        new StorconTimelineLocateRoutes(storcon).register(sr);
        new StorconHeatmapLayersRoutes(storconTimelines).register(sr);
        new StorconTenantImportRoutes(storcon).register(sr);
        new StorconMetadataHealthRoutes(storcon).register(sr);
        new TestkitControlRoutes(this).register(sr);
        new TestkitFaultRoutes(this).register(sr);
        new FailpointRoutes(faults.failpoints, Component.STORAGE_CONTROLLER).register(sr, "/debug/v1/failpoints", RouteAuth.ANY);
        storcon.useFailpoints(faults.failpoints);
        this.storconHost = new ServerHost("storage-controller", sr);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "neon-testkit-ticker");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        pageservers.values().forEach(PageserverNode::start);
        safekeepers.values().forEach(ServerHost::start);
        startController();
        storcon.publishUri(storconHost.uri().toString());
        long period = timing.heartbeatMillis();
        ticker.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** The controller process dies: connections are refused, heartbeats and reconciles stop. State is kept (its database). */
    public synchronized void stopController() {
        stopController(0);
    }

    /** As {@link #stopController()}, letting exchanges in flight finish answering for up to {@code graceSeconds}. */
    public synchronized void stopController(int graceSeconds) {
        controllerUp = false;
        gate.markStarting();
        storconHost.stop(graceSeconds);
    }

    /**
     * The controller process starts (again, on the same port): it listens at once, but tenant routes wait for the
     * start-up reconcile ({@code startupReconcile}, scaled); then background work resumes and, as
     * {@code Service::startup_reconcile} does with a fresh compute hook, every attached tenant is notified again.
     */
    public synchronized void startController() {
        if (storconHost.running()) {
            return;
        }
        gate.markStarting();
        storcon.markStarted();
        storconHost.start();
        pendingReAttach.forEach(heartbeats::reAttach);
        pendingReAttach.clear();
        if (startupReconcile.isZero()) {
            finishStartup();
        } else {
            ticker.schedule(this::finishStartup, timing.millis(startupReconcile), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void finishStartup() {
        if (!storconHost.running() || gate.ready()) {
            return;
        }
        storcon.forgetComputeNotifications();
        controllerUp = true;
        gate.markReady();
    }

    /**
     * A started pageserver's re-attach upcall. Upstream's pageserver retries it until the controller answers, so
     * while the controller is down it takes effect when the controller starts.
     */
    public synchronized void reAttach(long pageserver) {
        if (storconHost.running()) {
            heartbeats.reAttach(pageserver);
        } else {
            pendingReAttach.add(pageserver);
        }
    }

    /** Whether the controller process is up (it may still be in its start-up reconcile). */
    public boolean controllerRunning() {
        return storconHost.running();
    }

    private void tick() {
        if (!controllerUp) {
            return;
        }
        try {
            heartbeats.tick();
            storcon.reconciler().tick();
        } catch (RuntimeException e) {
            // A failed round is retried on the next tick, as upstream's background loops do.
        }
    }

    public void close() {
        ticker.shutdownNow();
        storconHost.stop();
        pageservers.values().forEach(p -> p.host().stop());
        safekeepers.values().forEach(ServerHost::stop);
        synchronized (computes) {
            computeHosts.forEach(ServerHost::stop);
            computeInternalHosts.forEach(ServerHost::stop);
        }
    }

    public URI storconUri() {
        return storconHost.uri();
    }

    /** A compute_ctl with its own listener, in status {@code empty}; ids are 1, 2, … in creation order. */
    public ComputeNode newCompute() {
        ComputeNode c = new ComputeNode(nextComputeId.getAndIncrement(), timelines, timing, this::resolvePageserver);
        ComputeCatalog catalog = new ComputeCatalog(c);
        ComputeInternalRoutes internalRoutes = new ComputeInternalRoutes(c, catalog);
        ComputePrewarm lfc = new ComputePrewarm(c, endpointStorage, timelines, timing);
        ServerHost host = new ServerHost(c.computeId(), internalRoutes.registerLivenessProbe(new ComputeOperatorRoutes(c, lfc, catalog)
                .register(new ComputeRoutes(c).register(Router.compute(auth, faults, c.computeId())))));
        ServerHost internal = new ServerHost(c.computeId() + "-internal", internalRoutes.register(Router.compute(auth, faults, c.computeId())));
        host.start();
        internal.start();
        synchronized (computes) {
            computes.add(c);
            computeHosts.add(host);
            computeInternalHosts.add(internal);
        }
        return c;
    }

    /**
     * A compute for the timeline, configured (as {@code POST /configure} would) with a spec that points at the
     * pageservers the controller currently has attached; a failed basebackup shows in its status and error.
     */
    public ComputeNode startCompute(io.neonclient.core.TenantId tenant, io.neonclient.core.TimelineId timeline) {
        ComputeNode c = newCompute();
        try {
            c.configure(ComputeSpecs.configureRequest(this, tenant, timeline));
        } catch (RuntimeException e) {
            // The failure is visible in the compute's status and error, as with compute_ctl.
        }
        return c;
    }

    /**
     * A compute started as {@code compute_ctl -c FILE} (compute_tools/src/bin/compute_ctl.rs {@code get_config}): the
     * file's {@code {"spec", "compute_ctl_config"}} is applied as {@code POST /configure} would; without a spec the
     * compute waits empty for {@code /configure}. A failed start shows in its status and error.
     *
     * @throws IllegalArgumentException when the file is not a ComputeConfig (compute_ctl would not start)
     */
    public ComputeNode startCompute(com.fasterxml.jackson.databind.JsonNode config) {
        if (config == null || !config.isObject() || !config.path("compute_ctl_config").isObject()) {
            throw new IllegalArgumentException("a compute config file is {\"spec\", \"compute_ctl_config\"} with compute_ctl_config an object");
        }
        ComputeNode c = newCompute();
        if (config.hasNonNull("spec")) {
            try {
                c.configure(config);
            } catch (RuntimeException e) {
                // The failure is visible in the compute's status and error, as with compute_ctl.
            }
        }
        return c;
    }

    public ServerHost computeHost(ComputeNode c) {
        synchronized (computes) {
            return computeHosts.get(computes.indexOf(c));
        }
    }

    /** compute_ctl's internal listener ({@code /extensions}, {@code /grants}), no authorization as upstream. */
    public ServerHost computeInternalHost(ComputeNode c) {
        synchronized (computes) {
            return computeInternalHosts.get(computes.indexOf(c));
        }
    }

    /** Finds the pageserver a libpq URL points at: a simulated pg port, a registered node's pg address, or the id. */
    PageserverNode resolvePageserver(String url, Long idHint) {
        if (url != null) {
            URI u = URI.create(url.strip());
            for (PageserverNode ps : pageservers.values()) {
                if (u.getPort() == ps.pgPort()) {
                    return ps;
                }
            }
            synchronized (storcon) {
                for (StorconNode n : storcon.nodeList()) {
                    if (n.registration().pgAddr().equals(u.getHost()) && n.registration().pgPort() == u.getPort()) {
                        return pageservers.get(n.id());
                    }
                }
            }
        }
        return idHint == null ? null : pageservers.get(idHint);
    }

    /**
     * A safekeeper's GET to a peer named by its HTTP address ({@code pull_timeline}): served in-process by the
     * safekeeper listening on that port (faults apply); null when none does, it is stopped or the connection drops.
     */
    private Reply callSafekeeper(String httpHost, String path, String authorization) {
        URI base;
        try {
            base = URI.create(httpHost.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Map.Entry<Long, ServerHost> e : safekeepers.entrySet()) {
            ServerHost host = e.getValue();
            if (host.running() && host.port() == base.getPort()
                    && ("127.0.0.1".equals(base.getHost()) || "localhost".equals(base.getHost()))) {
                Router.Outcome out = safekeeperRouters.get(e.getKey()).dispatch("GET", path, null, authorization, new byte[0]);
                return out instanceof Router.Outcome.Send send ? send.reply() : null;
            }
        }
        return null;
    }

    /**
     * A port from {@code probe} that is not yet in {@code taken} (added to it). The simulated pg ports are only numbers
     * (nothing listens on them) and a compute's libpq URL is resolved to its pageserver by port
     * ({@link #resolvePageserver}), so two pageservers must never share one; {@link #freePort} alone can give a port
     * twice, as it releases each port it finds.
     */
    static int distinctPort(java.util.Set<Integer> taken, java.util.function.IntSupplier probe) {
        for (int tries = 0; tries < 100; tries++) {
            int port = probe.getAsInt();
            if (taken.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no loopback port distinct from " + taken + " after 100 tries");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes every injected fault, un-sticks reconciles and ends a step-down. */
    public void clearFaults() {
        faults.clear();
        synchronized (storcon) {
            storcon.allShards().forEach(sh -> sh.setStuck(false));
            storcon.resumeLeadership();
            storcon.notifyAll();
        }
    }
}
