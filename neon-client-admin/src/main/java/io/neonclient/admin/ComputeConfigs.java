package io.neonclient.admin;

import io.neonclient.compute.ComputeConfig;
import io.neonclient.compute.ComputeCtlConfig;
import io.neonclient.compute.ComputeSpec;
import io.neonclient.compute.ShardPlacement;
import io.neonclient.core.NodeId;
import io.neonclient.core.NotFoundException;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.Safekeeper;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TimelineSafekeepers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ComputeConfig} a compute of one timeline starts from ({@code compute_ctl -c config.json}), derived from
 * the controller's view of the tenant: what the seed runbook's {@code compute.sh} did with {@code sed} over a spec
 * file, typed and checked. The pageservers come from the tenant's placement (one {@code libpq} URL per shard, the
 * stripe size, the shard count), the safekeepers from the timeline's safekeeper set, each listed individually as
 * {@code host:pg_port} so that the compute's walproposer sees a quorum, not one service name.
 *
 * <pre>{@code
 * ComputeConfig config = ComputeConfigs.forTimeline(storcon, tenant, timeline).build();
 * config.writeTo(Path.of("/var/db/postgres/configs/config.json"));   // compute_ctl -c … --compute-id …
 * }</pre>
 */
public final class ComputeConfigs {
    private ComputeConfigs() {}

    /** A builder for the config of a compute on {@code tenant}/{@code timeline}. Sends nothing. */
    public static Builder forTimeline(StorageControllerClient storcon, TenantId tenant, TimelineId timeline) {
        return new Builder(Objects.requireNonNull(storcon, "storcon"), Objects.requireNonNull(tenant, "tenant"),
                Objects.requireNonNull(timeline, "timeline"));
    }

    /** Collects the options; {@link #build()} reads the controller. */
    public static final class Builder {
        private final StorageControllerClient storcon;
        private final TenantId tenant;
        private final TimelineId timeline;
        private ComputeSpec base;
        private ComputeCtlConfig ctlConfig = ComputeCtlConfig.empty();
        private String token;
        private List<NodeId> safekeepers;
        private boolean allowSingleSafekeeper;

        private Builder(StorageControllerClient storcon, TenantId tenant, TimelineId timeline) {
            this.storcon = storcon;
            this.tenant = tenant;
            this.timeline = timeline;
            this.base = ComputeSpec.minimal(tenant, timeline);
        }

        /**
         * The spec to start from (roles, databases, settings, mode …); its storage fields are replaced (default: a
         * minimal primary spec with no roles or databases).
         *
         * @throws IllegalArgumentException when it names another tenant or timeline
         */
        public Builder spec(ComputeSpec spec) {
            Objects.requireNonNull(spec, "spec");
            if (spec.tenantId().filter(t -> !t.equals(tenant)).isPresent() || spec.timelineId().filter(t -> !t.equals(timeline)).isPresent()) {
                throw new IllegalArgumentException("spec is for " + spec.tenantId().map(Object::toString).orElse("-") + "/"
                        + spec.timelineId().map(Object::toString).orElse("-") + ", expected " + tenant + "/" + timeline);
            }
            this.base = spec;
            return this;
        }

        /** compute_ctl's own settings: the JWKS it verifies control-plane tokens with, TLS (default: none). */
        public Builder computeCtlConfig(ComputeCtlConfig config) {
            this.ctlConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The JWT ({@code tenant} scope) the compute presents to pageservers and safekeepers ({@code storage_auth_token}). */
        public Builder storageAuthToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("storageAuthToken must not be blank");
            }
            this.token = token;
            return this;
        }

        /**
         * The timeline's safekeepers, for a timeline the controller does not place on safekeepers (without
         * {@code --timelines-onto-safekeepers}; default then: every registered safekeeper not decommissioned). For a
         * timeline the controller did place, this must name exactly its set.
         *
         * @throws IllegalArgumentException when the list is empty or names a safekeeper twice
         */
        public Builder safekeepers(List<NodeId> ids) {
            Objects.requireNonNull(ids, "ids");
            List<NodeId> copy = List.copyOf(ids);
            if (copy.isEmpty() || new LinkedHashSet<>(copy).size() != copy.size()) {
                throw new IllegalArgumentException("safekeepers must name at least one safekeeper, each once, got " + copy);
            }
            this.safekeepers = copy;
            return this;
        }

        /**
         * Accepts a single safekeeper (no quorum to lose), as upstream's controller allows only in {@code --dev}
         * mode ({@code storage_controller/src/main.rs} refuses fewer than 3 safekeepers per timeline otherwise).
         */
        public Builder allowSingleSafekeeper() {
            this.allowSingleSafekeeper = true;
            return this;
        }

        /**
         * Reads the controller and returns the config: {@code GET /control/v1/tenant/{tenant_id}} and
         * {@code GET /control/v1/node} (each shard's attached pageserver and its {@code listen_pg_addr:listen_pg_port}),
         * {@code GET /debug/v1/tenant/{tenant_id}/timeline/{timeline_id}/locate} (the timeline's safekeeper set and
         * generation; a 404 means the controller does not manage it) and {@code GET /control/v1/safekeeper} (their
         * addresses).
         *
         * @throws IllegalStateException when a shard has no attached pageserver, the timeline's safekeepers are being
         *                               migrated, a safekeeper of the set is not registered, the given safekeepers
         *                               differ from the timeline's set, or the set is no quorum: 2 safekeepers (a
         *                               majority of 2 is both, so either one down stops every commit), or 1 without
         *                               {@link #allowSingleSafekeeper()}
         */
        public ComputeConfig build() {
            ShardPlacement placement = Placements.of(storcon, tenant);
            Optional<TimelineSafekeepers> located;
            try {
                located = Optional.of(storcon.tenant(tenant).timeline(timeline).locate());
            } catch (NotFoundException notManaged) {
                located = Optional.empty();
            }
            List<Safekeeper> registered = storcon.safekeepers().list();
            List<NodeId> set;
            long generation;
            if (located.isPresent()) {
                TimelineSafekeepers l = located.get();
                if (l.isMigrating()) {
                    throw new IllegalStateException("the safekeepers of timeline " + tenant + "/" + timeline + " are being migrated from "
                            + l.skSet() + " to " + l.newSkSet().orElseThrow() + "; build the config once the migration finished");
                }
                if (safekeepers != null && !new LinkedHashSet<>(safekeepers).equals(new LinkedHashSet<>(l.skSet()))) {
                    throw new IllegalStateException("safekeepers " + safekeepers + " differ from timeline " + tenant + "/" + timeline
                            + "'s set " + l.skSet() + " at generation " + l.generation() + "; a compute must list exactly that set");
                }
                set = l.skSet();
                generation = l.generation();
            } else {
                set = safekeepers != null ? safekeepers : registered.stream()
                        .filter(s -> s.schedulingPolicy() != SkSchedulingPolicy.DECOMISSIONED).map(Safekeeper::id).toList();
                generation = 0; // no membership configuration: the walproposer's legacy mode
            }
            checkQuorum(set);
            Map<NodeId, Safekeeper> byId = new HashMap<>();
            registered.forEach(s -> byId.put(s.id(), s));
            List<String> connstrings = new ArrayList<>();
            for (NodeId id : set) {
                Safekeeper s = byId.get(id);
                if (s == null) {
                    throw new IllegalStateException("safekeeper " + id + " of timeline " + tenant + "/" + timeline
                            + " is not registered with the controller (GET /control/v1/safekeeper)");
                }
                connstrings.add(hostPort(s));
            }
            ComputeSpec spec = base.withPlacement(placement).withSafekeepers(connstrings, generation);
            if (token != null) {
                spec = spec.withStorageAuthToken(token);
            }
            return ComputeConfig.of(spec, ctlConfig);
        }

        private void checkQuorum(List<NodeId> set) {
            String which = "timeline " + tenant + "/" + timeline;
            if (set.isEmpty()) {
                throw new IllegalStateException(which + " has no safekeeper to write WAL to: register safekeepers or name them");
            }
            if (set.size() == 2) {
                throw new IllegalStateException(which + " would have 2 safekeepers " + set + ": a majority of 2 is both, so either one"
                        + " down stops every commit; use 3 (upstream's controller places 3 per timeline)");
            }
            if (set.size() == 1 && !allowSingleSafekeeper) {
                throw new IllegalStateException(which + " would have 1 safekeeper " + set + ": no quorum survives its loss; use 3,"
                        + " or allowSingleSafekeeper() for a dev cluster");
            }
        }

        private static String hostPort(Safekeeper s) {
            return s.host() + ":" + s.port();
        }
    }
}
