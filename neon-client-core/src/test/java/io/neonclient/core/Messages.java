package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on exception messages. */
final class Messages {
    private Messages() {}

    static void assertMentions(Throwable e, String... parts) {
        String m = e.getMessage();
        for (String p : parts) {
            assertTrue(m != null && m.contains(p), () -> "message should mention '" + p + "': " + m);
        }
    }
}
