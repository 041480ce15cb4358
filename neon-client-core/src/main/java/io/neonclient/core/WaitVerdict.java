package io.neonclient.core;

/**
 * What a wait's judge says of one observed state: {@link Done}, {@link Pending} (poll again) or
 * {@link Failed} (stop now: the state asked for can no longer be reached).
 */
public sealed interface WaitVerdict {

    static Done done() {
        return Done.INSTANCE;
    }

    /** Not there yet; {@code reason} is shown in progress callbacks and in a timeout's message. */
    static Pending pending(String reason) {
        return new Pending(reason);
    }

    static Failed failed(String reason) {
        return new Failed(reason);
    }

    record Done() implements WaitVerdict {
        static final Done INSTANCE = new Done();
    }

    /**
     * Not there yet: poll again.
     *
     * @param reason why it is not done yet, e.g. {@code "attached on node 2, reconciling"}
     */
    record Pending(String reason) implements WaitVerdict {
        public Pending {
            reason = reason == null ? "" : reason;
        }
    }

    /**
     * Never going to be done: stop waiting and fail.
     *
     * @param reason why it can never be done, e.g. the shard's {@code last_error}
     */
    record Failed(String reason) implements WaitVerdict {
        public Failed {
            reason = reason == null ? "" : reason;
        }
    }
}
