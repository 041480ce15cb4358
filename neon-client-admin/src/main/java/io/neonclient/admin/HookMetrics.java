package io.neonclient.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The compute hook's meters, exposed by {@code GET /metrics} through Micrometer's Prometheus registry:
 * {@code neon_compute_hook_notifications_total{kind,result}}, {@code neon_compute_hook_reconfigurations_total{kind,result}},
 * {@code neon_compute_hook_retries_total}, {@code neon_compute_hook_lag_seconds} (notification received → compute
 * applied it) and the gauge {@code neon_compute_hook_pending_computes}.
 */
final class HookMetrics {
    final PrometheusMeterRegistry registry;

    HookMetrics(PrometheusMeterRegistry registry, Supplier<Number> pending) {
        this.registry = registry;
        io.micrometer.core.instrument.Gauge.builder("neon.compute.hook.pending.computes", pending)
                .description("registered computes whose last re-configure failed and is retried in the background")
                .register(registry);
    }

    /** kind: attach, safekeepers, import; result: applied, recorded, stale, bad_request, unauthorized, overloaded, unavailable. */
    void notification(String kind, String result) {
        Counter.builder("neon.compute.hook.notifications").description("notifications received from the storage controller")
                .tags("kind", kind, "result", result).register(registry).increment();
    }

    /** kind: attach, safekeepers, retry, reconcile; result: ok, failed. */
    void reconfiguration(String kind, String result) {
        Counter.builder("neon.compute.hook.reconfigurations").description("compute_ctl POST /configure calls")
                .tags("kind", kind, "result", result).register(registry).increment();
    }

    void retry() {
        Counter.builder("neon.compute.hook.retries").description("background re-configure attempts of computes that failed before")
                .register(registry).increment();
    }

    void lag(Duration lag) {
        Timer.builder("neon.compute.hook.lag").description("time from a notification's arrival until a compute applied it")
                .register(registry).record(lag);
    }

    String scrape() {
        return registry.scrape();
    }
}
