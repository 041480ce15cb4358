package io.neonclient.testkit;

import io.neonclient.contract.OpenApiContract;
import io.neonclient.contract.SpecDrift;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test (and each test class, for exchanges made outside a test), validates every pageserver, safekeeper
 * and compute_ctl exchange {@link RawHttp} recorded against upstream's OpenAPI document with the clients' validator
 * ({@link OpenApiContract} and its {@link SpecDrift} table, from neon-client-pageserver's test-jar) plus the
 * testkit-local {@link TestkitDrift}; successful answers that have a shared fixture are also compared with it key for key
 * ({@link ResponseFixtures}), including on routes the specs lack. Registered for every test class by JUnit's extension auto-detection
 * ({@code META-INF/services} and {@code junit-platform.properties} in src/test/resources).
 *
 * <p>A request a test sends on purpose to provoke an error may itself break the spec; its request-side messages are
 * then excused when the testkit rejected it with a 4xx, exactly as the real server would. The response is always
 * validated: its status must be documented and its body must have the spec's error shape.
 */
public final class ContractCheck implements AfterEachCallback, AfterAllCallback {
    /** Stands in for the header when a test sent none to a cluster without auth (the specs declare bearer auth). */
    static final String NO_AUTH_PLACEHOLDER = "Bearer no-auth-cluster";
    private static final String UNKNOWN_STATUS = "validation.response.status.unknown:";

    /** Instantiated by JUnit's extension auto-detection (ServiceLoader). */
    public ContractCheck() {
        // stateless: what to check comes from RawHttp's recording
    }

    /** Per-component tally of one batch of exchanges. */
    record Tally(Map<Component, int[]> counts, List<String> failures) {
        Tally() {
            this(new EnumMap<>(Component.class), new ArrayList<>());
        }

        void add(Component c, boolean validated) {
            counts.computeIfAbsent(c, x -> new int[3])[validated ? 0 : 1]++;
        }

        void addFixtureComparison(Component c) {
            counts.computeIfAbsent(c, x -> new int[3])[2]++;
        }

        int validated(Component c) {
            return counts.getOrDefault(c, new int[3])[0];
        }

        int fixtureComparisons(Component c) {
            return counts.getOrDefault(c, new int[3])[2];
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            counts.forEach((c, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(c.name().toLowerCase())
                    .append(' ').append(n[0]).append(" validated").append(n[1] == 0 ? "" : " (" + n[1] + " skipped: route not in spec)")
                    .append(n[2] == 0 ? "" : ", " + n[2] + " compared with fixtures"));
            return sb.toString();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        verify(context.getDisplayName(), context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        verify("(outside tests)", context);
    }

    private static void verify(String what, ExtensionContext context) {
        List<RawHttp.Exchange> recorded = RawHttp.drainRecorded();
        if (recorded.isEmpty()) {
            return;
        }
        Tally tally = validate(recorded);
        String where = context.getRequiredTestClass().getSimpleName() + " " + what;
        System.out.println("contract check " + where + ": " + tally);
        if (!tally.failures().isEmpty()) {
            throw new AssertionError(tally.failures().size() + " testkit response(s) disagree with upstream's OpenAPI spec or the shared fixtures in "
                    + where + ":\n" + String.join("\n", tally.failures()));
        }
    }

    /** Validates a batch of exchanges; failures are collected, not thrown, so one run reports them all. */
    static Tally validate(List<RawHttp.Exchange> exchanges) {
        Tally tally = new Tally();
        for (RawHttp.Exchange e : exchanges) {
            String spec = spec(e.component());
            ResponseFixtures.of(spec, e).ifPresent(f -> {
                tally.addFixtureComparison(e.component());
                f.mismatch(e.responseBody()).ifPresent(m -> tally.failures().add(
                        spec + ": " + e.method() + " " + e.rawPath() + " -> " + e.status() + " differs from the fixture: " + m));
            });
            if (TestkitDrift.routeMissing(spec, e.method(), e.rawPath())) {
                tally.add(e.component(), false);
                continue;
            }
            try {
                String result = contract(e.component()).check(e.method(), e.rawPath(), query(e.rawQuery()),
                        e.authorization() == null ? NO_AUTH_PLACEHOLDER : e.authorization(), e.requestBody(), e.status(),
                        e.responseBody());
                tally.add(e.component(), result.equals("validated"));
            } catch (AssertionError rejected) {
                List<String> left = unexcused(spec, e, rejected.getMessage());
                if (left.isEmpty()) {
                    tally.add(e.component(), true);
                } else {
                    tally.failures().add(spec + ": " + e.method() + " " + e.rawPath() + (e.rawQuery() == null ? "" : "?" + e.rawQuery())
                            + " -> " + e.status() + " " + abbreviate(e.responseBody()) + "\n    " + String.join("\n    ", left));
                }
            }
        }
        return tally;
    }

    /** The validator's messages (one per line after the heading) that neither rule nor drift excuses. */
    private static List<String> unexcused(String spec, RawHttp.Exchange e, String report) {
        String[] lines = report.split("\n  ");
        List<String> left = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String m = lines[i];
            boolean request = m.startsWith("validation.request.");
            if (request && e.status() >= 400 && e.status() < 500) {
                continue; // a request the testkit refused, as the real server would
            }
            SpecDrift.Part part = request ? SpecDrift.Part.REQUEST : SpecDrift.Part.RESPONSE;
            if (!TestkitDrift.excuses(spec, e.method(), e.rawPath(), part, m)) {
                left.add(m);
            } else if (m.startsWith(UNKNOWN_STATUS) && e.status() >= 400) {
                // the status is excused, not the body: it must still be the spec's error shape
                left.addAll(ErrorShapes.of(spec).problems(e.responseBody()));
            }
        }
        return left;
    }

    static String spec(Component c) {
        return switch (c) {
            case PAGESERVER -> "pageserver";
            case SAFEKEEPER -> "safekeeper";
            case COMPUTE -> "compute";
            case STORAGE_CONTROLLER -> throw new IllegalArgumentException("the storage controller has no upstream OpenAPI spec");
        };
    }

    private static OpenApiContract contract(Component c) {
        return switch (c) {
            case PAGESERVER -> OpenApiContract.pageserver();
            case SAFEKEEPER -> OpenApiContract.safekeeper();
            case COMPUTE -> OpenApiContract.compute();
            case STORAGE_CONTROLLER -> throw new IllegalArgumentException("the storage controller has no upstream OpenAPI spec");
        };
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(no body)";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
