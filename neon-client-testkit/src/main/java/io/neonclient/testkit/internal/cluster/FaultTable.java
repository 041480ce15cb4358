package io.neonclient.testkit.internal.cluster;

import io.neonclient.testkit.Component;
import io.neonclient.testkit.Fault;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** Injected faults of one cluster, matched per component, method and path glob; chance comes from one seed. */
public final class FaultTable {

    /** What a matching rule makes the server do. */
    public sealed interface Action {
        record Pass() implements Action { }
        record Delay(long millis) implements Action { }
        record Fail503() implements Action { }
        record Drop() implements Action { }
    }

    private static final class Rule {
        final Component component;
        final String method;
        final Pattern path;
        final String glob;
        final Fault fault;
        int remaining;

        Rule(Component component, String method, String glob, Fault fault, int remaining) {
            this.component = component;
            this.method = method;
            this.glob = glob;
            this.path = glob(glob);
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Random random;
    /** Upstream-style failpoints set through {@code PUT /v1/failpoints}; cleared with the rules. */
    public final Failpoints failpoints;

    public FaultTable(long seed) {
        this.random = new Random(seed);
        this.failpoints = new Failpoints(seed);
    }

    /** Adds a rule; {@code pathGlob} uses {@code *} for one path segment and {@code **} for any rest. */
    public void add(Component component, String method, String pathGlob, Fault fault) {
        int remaining = switch (fault) {
            case Fault.Unavailable u -> u.probability() > 0 ? Integer.MAX_VALUE : u.times();
            case Fault.DropConnection d -> d.times();
            case Fault.Latency l -> Integer.MAX_VALUE;
        };
        rules.add(new Rule(component, method, pathGlob, fault, remaining));
    }

    public void clear() {
        rules.clear();
        failpoints.clear();
    }

    /** The rules in the order they apply, as JSON objects: component, method, path, fault spec and what is left of it. */
    public List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Rule r : rules) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("component", r.component.name().toLowerCase(java.util.Locale.ROOT));
            m.put("method", r.method);
            m.put("path", r.glob);
            m.put("fault", r.fault.spec());
            synchronized (this) {
                m.put("remaining", r.remaining == Integer.MAX_VALUE ? null : r.remaining);
            }
            out.add(m);
        }
        return out;
    }

    /** The actions for one request, in rule order (a delay may be followed by a failure). */
    public List<Action> actions(Component component, String method, String path) {
        List<Action> out = new java.util.ArrayList<>();
        for (Rule r : rules) {
            if (r.component != component || !(r.method.equals("*") || r.method.equalsIgnoreCase(method))
                    || !r.path.matcher(path).matches()) {
                continue;
            }
            synchronized (this) {
                if (r.remaining <= 0) {
                    continue;
                }
                switch (r.fault) {
                    case Fault.Latency l -> {
                        long span = l.max().toMillis() - l.min().toMillis();
                        out.add(new Action.Delay(l.min().toMillis() + (span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)))));
                    }
                    case Fault.Unavailable u -> {
                        if (u.probability() > 0) {
                            if (random.nextDouble() < u.probability()) {
                                out.add(new Action.Fail503());
                            }
                        } else {
                            r.remaining--;
                            out.add(new Action.Fail503());
                        }
                    }
                    case Fault.DropConnection d -> {
                        r.remaining--;
                        out.add(new Action.Drop());
                    }
                }
            }
        }
        return out;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re + "/?");
    }
}
