package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.Lsn;
import java.util.Map;

/**
 * How a compute runs: {@code "Primary"}, {@code {"Static": "0/…"}} or {@code "Replica"} (mirrors the externally tagged
 * {@code ComputeMode} in upstream {@code libs/compute_api/src/spec.rs}; default Primary).
 */
public sealed interface ComputeMode {
    /** The read-write primary. */
    record Primary() implements ComputeMode {}

    /**
     * A read-only compute pinned at {@code lsn}.
     *
     * @param lsn the pinned LSN
     */
    record Static(Lsn lsn) implements ComputeMode {
        /** Checks the components: refuses a bad value with an {@link IllegalArgumentException} naming the field. */
        public Static {
            if (lsn == null) {
                throw new IllegalArgumentException("a static compute needs an LSN");
            }
        }
    }

    /** A read-only replica following the primary. */
    record Replica() implements ComputeMode {}

    /** The primary. */
    static ComputeMode primary() {
        return new Primary();
    }

    /** Reads the wire form: {@code "Primary"}, {@code "Replica"} or {@code {"Static": lsn}}; anything else is refused. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ComputeMode fromJson(Object json) {
        if ("Primary".equals(json)) {
            return new Primary();
        }
        if ("Replica".equals(json)) {
            return new Replica();
        }
        if (json instanceof Map<?, ?> m && m.size() == 1 && m.get("Static") != null) {
            return new Static(Lsn.parse(m.get("Static").toString()));
        }
        throw new IllegalArgumentException("compute mode must be \"Primary\", \"Replica\" or {\"Static\": lsn}, got " + json);
    }

    /** The wire form, as {@link #fromJson} reads it. */
    @JsonValue
    default Object toJson() {
        return switch (this) {
            case Primary p -> "Primary";
            case Replica r -> "Replica";
            case Static s -> Map.of("Static", s.lsn().toString());
        };
    }
}
