package io.neonclient.safekeeper;

import io.neonclient.core.Lsn;

/**
 * The answer of {@code PUT /v1/tenant/{tenant_id}/timeline/{timeline_id}/membership} (mirrors
 * {@code TimelineMembershipSwitchResponse} in upstream {@code libs/safekeeper_api/src/models.rs}).
 *
 * @param previousConf the membership before the switch
 * @param currentConf  the membership now
 * @param lastLogTerm  term of the last WAL record
 * @param flushLsn     WAL flushed on this safekeeper
 */
public record MembershipSwitch(Membership previousConf, Membership currentConf, long lastLogTerm, Lsn flushLsn) {}
