package io.neonclient.storcon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a shard migration runs: {@code MigrationConfig} in upstream {@code libs/pageserver_api/src/controller_api.rs}.
 * With {@code prewarm} (the default) the call returns once a graceful migration has started and the cut-over happens
 * later; without it the controller moves the shard at once and waits up to 30 s.
 *
 * @param overrideScheduler              allow a node the scheduler scores worse (e.g. another AZ) or that is unavailable
 * @param prewarm                        warm a secondary on the target first (graceful migration)
 * @param secondaryWarmupTimeout         how long a non-prewarm cut-over waits for warm-up, or empty for the default
 * @param secondaryDownloadRequestTimeout timeout of each download request during warm-up, or empty for the default
 */
public record MigrationConfig(boolean overrideScheduler, boolean prewarm, Optional<Duration> secondaryWarmupTimeout,
                              Optional<Duration> secondaryDownloadRequestTimeout) {

    /** Refuses a timeout that is zero or negative, naming it; an absent one stays absent. */
    public MigrationConfig {
        secondaryWarmupTimeout = positive("secondaryWarmupTimeout", secondaryWarmupTimeout);
        secondaryDownloadRequestTimeout = positive("secondaryDownloadRequestTimeout", secondaryDownloadRequestTimeout);
    }

    private static Optional<Duration> positive(String field, Optional<Duration> d) {
        if (d == null) {
            return Optional.empty();
        }
        d.ifPresent(v -> {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(field + " must be positive, got " + v);
            }
        });
        return d;
    }

    /** Upstream's defaults: no override, prewarm. */
    public static MigrationConfig defaults() {
        return new MigrationConfig(false, true, Optional.empty(), Optional.empty());
    }

    /** This config allowing (or not) a target the scheduler scores worse or that is unavailable. */
    public MigrationConfig withOverrideScheduler(boolean override) {
        return new MigrationConfig(override, prewarm, secondaryWarmupTimeout, secondaryDownloadRequestTimeout);
    }

    /** This config with or without prewarm; without it the controller cuts over at once and waits up to 30 s. */
    public MigrationConfig withPrewarm(boolean prewarm) {
        return new MigrationConfig(overrideScheduler, prewarm, secondaryWarmupTimeout, secondaryDownloadRequestTimeout);
    }

    /** This config with a warm-up timeout, sent as a humantime string. */
    public MigrationConfig withSecondaryWarmupTimeout(Duration timeout) {
        return new MigrationConfig(overrideScheduler, prewarm, Optional.of(Validate.notNull("secondaryWarmupTimeout", timeout)),
                secondaryDownloadRequestTimeout);
    }

    /** This config with a per-download-request timeout, sent as a humantime string. */
    public MigrationConfig withSecondaryDownloadRequestTimeout(Duration timeout) {
        return new MigrationConfig(overrideScheduler, prewarm, secondaryWarmupTimeout,
                Optional.of(Validate.notNull("secondaryDownloadRequestTimeout", timeout)));
    }

    /** The wire form: every key present, timeouts as humantime strings or {@code null}. */
    @JsonValue
    @JsonInclude(JsonInclude.Include.ALWAYS)
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("override_scheduler", overrideScheduler);
        m.put("prewarm", prewarm);
        m.put("secondary_warmup_timeout", secondaryWarmupTimeout.map(io.neonclient.core.HumanDuration::format).orElse(null));
        m.put("secondary_download_request_timeout", secondaryDownloadRequestTimeout.map(io.neonclient.core.HumanDuration::format).orElse(null));
        return m;
    }
}
