package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neonclient.admin.Plan;
import io.neonclient.compute.ComputeClient;
import io.neonclient.core.TenantId;
import io.neonclient.core.internal.Json;
import io.neonclient.model.TimelineArchivalState;
import io.neonclient.pageserver.PageserverClient;
import io.neonclient.safekeeper.SafekeeperClient;
import io.neonclient.storcon.StorageControllerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks every public type of every published module and holds each wire enum to its contract: {@code toString()} is
 * Neon's spelling, {@code fromWire(x.toString()) == x} for every known value, an unknown spelling is kept and printed
 * as received, and JSON reads and writes the same spelling. Any other public Java enum must be on the short list of
 * SDK-side enums below, so a new enum that crosses the wire cannot slip in with Java names.
 */
class WireEnumsTest {
    /** Enums that never cross the wire as values the server sends (each says why). */
    private static final Set<String> SDK_SIDE_ENUMS = Set.of(
            "io.neonclient.core.Scope",                             // token selector; prints its claim, never read from a server
            "io.neonclient.pageserver.TimelineDeletion$Start",      // how the SDK saw the DELETE answered
            "io.neonclient.testkit.Component");                     // which simulated server

    private static final List<Class<?>> ONE_CLASS_PER_MODULE = List.of(TenantId.class, TimelineArchivalState.class,
            StorageControllerClient.class, PageserverClient.class, SafekeeperClient.class, ComputeClient.class, Plan.class,
            io.neonclient.testkit.NeonTestCluster.class);

    @Test
    void everyWireEnum_printsAndParsesNeonsSpelling_andKeepsUnknownValues() throws Exception {
        List<Class<?>> wireEnums = new ArrayList<>();
        for (Class<?> type : publicTypes()) {
            if (isWireEnum(type)) {
                wireEnums.add(type);
                checkWireEnum(type);
            } else if (type.isEnum() && !isKnownOfWireEnum(type) && !SDK_SIDE_ENUMS.contains(type.getName())) {
                fail(type.getName() + " is a public Java enum outside the wire-enum shape; make it a sealed interface with"
                        + " Known/Unknown and fromWire, or list it here as SDK-side");
            }
        }
        assertTrue(wireEnums.size() >= 10, "found only " + wireEnums);
    }

    private static void checkWireEnum(Class<?> type) throws Exception {
        Method fromWire = type.getMethod("fromWire", String.class);
        Class<?> known = nested(type, "Known");
        for (Object constant : known.getEnumConstants()) {
            String wire = constant.toString();
            String javaName = ((Enum<?>) constant).name();
            assertSame(constant, fromWire.invoke(null, wire), type.getName() + ": fromWire(\"" + wire + "\")");
            assertSame(constant, type.getField(javaName).get(null), type.getName() + "." + javaName + " aliases Known." + javaName);
            if (javaName.contains("_")) {
                assertNotEquals(javaName, wire, type.getName() + " prints a Java name");
            }
            assertEquals("\"" + wire + "\"", Json.encodeToString(constant), type.getName() + " encodes Neon's spelling");
            assertSame(constant, Json.decode("\"" + wire + "\"", type), type.getName() + " decodes Neon's spelling");
        }
        Object unknown = fromWire.invoke(null, "FrobnicatingV9");
        assertFalse(known.isInstance(unknown), type.getName() + " read an unknown spelling as a known value");
        assertEquals("FrobnicatingV9", unknown.toString(), type.getName() + " prints an unknown value as received");
        assertEquals(unknown, fromWire.invoke(null, unknown.toString()), type.getName() + " round-trips an unknown value");
        assertEquals(unknown, Json.decode("\"FrobnicatingV9\"", type), type.getName() + " decodes an unknown value");
        assertEquals("\"FrobnicatingV9\"", Json.encodeToString(unknown), type.getName() + " encodes an unknown value as received");
    }

    private static boolean isWireEnum(Class<?> type) {
        if (!type.isInterface() || !type.isSealed()) {
            return false;
        }
        Class<?> known = nested(type, "Known");
        return known != null && known.isEnum() && type.isAssignableFrom(known);
    }

    private static boolean isKnownOfWireEnum(Class<?> type) {
        return type.getSimpleName().equals("Known") && type.getEnclosingClass() != null && isWireEnum(type.getEnclosingClass());
    }

    private static Class<?> nested(Class<?> type, String name) {
        for (Class<?> c : type.getDeclaredClasses()) {
            if (c.getSimpleName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Every public class, top-level or nested, in the exported (non-internal) packages of the published modules. */
    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> anchor : ONE_CLASS_PER_MODULE) {
            String pkg = anchor.getPackageName().replace('.', '/') + "/";
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (String entry : classEntries(location)) {
                if (!entry.startsWith(pkg) || entry.substring(pkg.length()).contains("/") || entry.endsWith("module-info.class")) {
                    continue;
                }
                Class<?> c = Class.forName(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'), false,
                        anchor.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && isPubliclyReachable(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static boolean isPubliclyReachable(Class<?> c) {
        for (Class<?> outer = c.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            if (!Modifier.isPublic(outer.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass();
    }

    private static List<String> classEntries(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                return files.filter(p -> p.toString().endsWith(".class"))
                        .map(p -> location.relativize(p).toString().replace('\\', '/')).toList();
            }
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
