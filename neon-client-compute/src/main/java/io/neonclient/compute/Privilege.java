package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.neonclient.core.internal.WireEnums;

/**
 * A privilege {@code POST /grants} grants on a schema (mirrors {@code Privilege} in upstream
 * {@code libs/compute_api/src/privilege.rs}, spelt in upper case). Prints as Neon spells it ({@code SELECT}); a value
 * added upstream later reads as {@link Unknown} and prints as received.
 */
public sealed interface Privilege permits Privilege.Known, Privilege.Unknown {
    /** {@code SELECT}. */
    Privilege SELECT = Known.SELECT;
    /** {@code INSERT}. */
    Privilege INSERT = Known.INSERT;
    /** {@code UPDATE}. */
    Privilege UPDATE = Known.UPDATE;
    /** {@code DELETE}. */
    Privilege DELETE = Known.DELETE;
    /** {@code TRUNCATE}. */
    Privilege TRUNCATE = Known.TRUNCATE;
    /** {@code REFERENCES}. */
    Privilege REFERENCES = Known.REFERENCES;
    /** {@code TRIGGER}. */
    Privilege TRIGGER = Known.TRIGGER;
    /** {@code USAGE}. */
    Privilege USAGE = Known.USAGE;
    /** {@code CREATE}. */
    Privilege CREATE = Known.CREATE;
    /** {@code CONNECT}. */
    Privilege CONNECT = Known.CONNECT;
    /** {@code TEMPORARY}. */
    Privilege TEMPORARY = Known.TEMPORARY;
    /** {@code EXECUTE}. */
    Privilege EXECUTE = Known.EXECUTE;

    /** The values this SDK knows, for exhaustive {@code switch}es. */
    enum Known implements Privilege {
        /** {@code SELECT}. */
        SELECT,
        /** {@code INSERT}. */
        INSERT,
        /** {@code UPDATE}. */
        UPDATE,
        /** {@code DELETE}. */
        DELETE,
        /** {@code TRUNCATE}. */
        TRUNCATE,
        /** {@code REFERENCES}. */
        REFERENCES,
        /** {@code TRIGGER}. */
        TRIGGER,
        /** {@code USAGE}. */
        USAGE,
        /** {@code CREATE}. */
        CREATE,
        /** {@code CONNECT}. */
        CONNECT,
        /** {@code TEMPORARY}. */
        TEMPORARY,
        /** {@code EXECUTE}. */
        EXECUTE;

        @Override
        public String toString() {
            return name();
        }
    }

    /** A value added upstream after this SDK was built, kept as received. */
    record Unknown(String wire) implements Privilege {
        /** Keeps the value as received; a blank one is refused. */
        public Unknown {
            WireEnums.requireWire("Privilege", wire);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** Parses Neon's spelling; a spelling this SDK does not know gives an {@link Unknown} holding it. */
    @JsonCreator
    static Privilege fromWire(String wire) {
        return WireEnums.fromWire("Privilege", Known.class, wire, Unknown::new);
    }

    /** Neon's spelling, as sent and received. */
    @JsonValue
    @Override
    String toString();
}
