package io.neonclient.samples;

import io.neonclient.core.internal.Json;
import java.io.PrintWriter;

/** Prints a command's answer: the wire JSON of a value with {@code --output json}, else the text the command wrote. */
final class Printed {
    private Printed() {}

    /** Prints {@code value} as the server's own JSON (snake_case, wire spellings) or, for people, {@code text}. */
    static int print(NeonOps ops, PrintWriter out, Object value, String text) {
        out.println(ops.json() ? Json.encodeToString(value) : text);
        out.flush();
        return 0;
    }
}
