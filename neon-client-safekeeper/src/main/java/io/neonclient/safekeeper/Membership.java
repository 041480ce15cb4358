package io.neonclient.safekeeper;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A timeline's safekeeper membership configuration, {@code mconf} on the wire (upstream {@code Configuration},
 * {@code libs/safekeeper_api/src/membership.rs}).
 *
 * @param generation the membership generation (0 = invalid, 1 = initial)
 * @param members    the current set
 * @param newMembers the set being switched to during a migration
 */
public record Membership(long generation, List<SafekeeperMember> members,
                         @JsonInclude(JsonInclude.Include.ALWAYS) Optional<List<SafekeeperMember>> newMembers) {
    /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field and copies lists and maps (unmodifiable). */
    public Membership {
        if (generation < 0 || generation > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("generation must be an unsigned 32-bit number, got " + generation);
        }
        members = members == null ? List.of() : List.copyOf(members);
        newMembers = newMembers == null ? Optional.empty() : newMembers.map(List::copyOf);
    }
}
