package io.neonclient.safekeeper;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A timeline as one safekeeper sees it: the answer of {@code GET /v1/tenant/{tenant_id}/timeline/{timeline_id}}
 * (mirrors {@code TimelineStatus} in upstream {@code libs/safekeeper_api/src/models.rs}; values are in-memory and
 * may be ahead of what is persisted).
 *
 * @param tenantId            the tenant
 * @param timelineId          the timeline
 * @param mconf               membership configuration
 * @param acceptorState       consensus term and history
 * @param pgInfo              the Postgres server the WAL comes from
 * @param flushLsn            WAL written and fsynced here
 * @param timelineStartLsn    where the timeline's WAL starts
 * @param localStartLsn       where this safekeeper's WAL starts
 * @param commitLsn           WAL acknowledged by a quorum
 * @param backupLsn           WAL uploaded to remote storage
 * @param peerHorizonLsn      WAL all peers have
 * @param remoteConsistentLsn what the pageserver has persisted remotely
 * @param peers               what this safekeeper knows of its peers
 * @param walsenders          connected WAL consumers (pageservers, replicas)
 * @param walreceivers        connected WAL producers (the compute, or recovery)
 */
public record TimelineStatus(TenantId tenantId, TimelineId timelineId, Membership mconf, AcceptorState acceptorState,
                             ServerInfo pgInfo, Lsn flushLsn, Lsn timelineStartLsn, Lsn localStartLsn, Lsn commitLsn,
                             Lsn backupLsn, Lsn peerHorizonLsn, Lsn remoteConsistentLsn, List<Peer> peers,
                             List<WalSender> walsenders, List<WalReceiver> walreceivers) {
    /** Checks the components: copies lists and maps (unmodifiable). */
    public TimelineStatus {
        peers = peers == null ? List.of() : List.copyOf(peers);
        walsenders = walsenders == null ? List.of() : List.copyOf(walsenders);
        walreceivers = walreceivers == null ? List.of() : List.copyOf(walreceivers);
    }

    /**
     * Upstream {@code AcceptorStateStatus}.
     *
     * @param term        current term
     * @param epoch       term of the last WAL record (upstream's old name for last_log_term)
     * @param termHistory where each term started
     */
    public record AcceptorState(long term, long epoch, List<TermSwitch> termHistory) {
        /** Checks the components: copies lists and maps (unmodifiable). */
        public AcceptorState {
            termHistory = termHistory == null ? List.of() : List.copyOf(termHistory);
        }
    }

    /**
     * Upstream {@code TermSwitchApiEntry}.
     *
     * @param term the term
     * @param lsn  where it began
     */
    public record TermSwitch(long term, Lsn lsn) {}

    /**
     * Upstream {@code ServerInfo}.
     *
     * @param pgVersion  full Postgres version number, e.g. 160004
     * @param systemId   the cluster's system identifier (u64)
     * @param walSegSize WAL segment size in bytes
     */
    public record ServerInfo(long pgVersion, BigInteger systemId, long walSegSize) {}

    /**
     * Upstream {@code PeerInfo}.
     *
     * @param skId          the peer safekeeper
     * @param term          its term
     * @param lastLogTerm   term of its last record
     * @param flushLsn      its flush LSN
     * @param commitLsn     its commit LSN
     * @param localStartLsn where its WAL starts
     * @param pgConnstr     its Postgres-protocol address
     * @param httpConnstr   its HTTP address
     * @param httpsConnstr  its HTTPS address, if any
     */
    public record Peer(NodeId skId, long term, long lastLogTerm, Lsn flushLsn, Lsn commitLsn, Lsn localStartLsn,
                       String pgConnstr, String httpConnstr, Optional<String> httpsConnstr) {}

    /**
     * One WAL consumer (upstream {@code WalSenderState}, externally tagged {@code Vanilla} or {@code Interpreted}).
     *
     * @param kind    {@code Vanilla} or {@code Interpreted}
     * @param addr    the consumer's socket address
     * @param connId  connection id
     * @param appname its {@code application_name}
     */
    public record WalSender(String kind, String addr, long connId, Optional<String> appname) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static WalSender fromJson(Map<String, Map<String, Object>> json) {
            var e = json.entrySet().iterator().next();
            Map<String, Object> v = e.getValue();
            Object conn = v.get("conn_id");
            return new WalSender(e.getKey(), String.valueOf(v.get("addr")), conn instanceof Number n ? n.longValue() : -1,
                    Optional.ofNullable(v.get("appname")).map(Object::toString));
        }
    }

    /**
     * One WAL producer (upstream {@code WalReceiverState}).
     *
     * @param connId connection id; empty for recovery started by this safekeeper
     * @param status {@code Voting} or {@code Streaming}
     */
    public record WalReceiver(Optional<Long> connId, String status) {}
}
