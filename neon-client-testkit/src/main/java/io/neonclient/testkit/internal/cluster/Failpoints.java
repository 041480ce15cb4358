package io.neonclient.testkit.internal.cluster;

import io.neonclient.testkit.Component;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Failpoints as upstream configures them ({@code PUT /v1/failpoints}, libs/http-utils/src/failpoints.rs and
 * libs/utils/src/failpoint_support.rs over the {@code fail} crate): per server, a name and an action string
 * {@code [p%][cnt*]task[(arg)]}, terms chained with {@code ->}, tasks {@code off}, {@code return}, {@code sleep},
 * {@code delay}, {@code pause}, {@code yield}, {@code print}, {@code panic} and upstream's extra {@code exit}. Any name
 * is stored, as the {@code fail} crate stores it; the simulation evaluates the names it has a place for (see
 * {@link #MAPPED}) and lists every one in {@code GET /testkit/v1/faults}.
 */
public final class Failpoints {

    /**
     * The upstream failpoints the simulation evaluates, with where: {@code api-503}/{@code api-500} wrap every pageserver
     * route but {@code /v1/failpoints} (pageserver/src/http/routes.rs {@code api_handler}); the reconciler's pausable
     * {@code reconciler-pre-increment-generation} and {@code reconciler-epilogue} (storage_controller/src/reconciler.rs); the
     * split's pausable {@code shard-split-pre-complete-pause} (storage_controller/src/service.rs).
     */
    public static final Map<String, String> MAPPED = Map.of(
            "pageserver/api-503", "every pageserver route but /v1/failpoints answers 503",
            "pageserver/api-500", "every pageserver route but /v1/failpoints answers 500",
            "storage_controller/reconciler-pre-increment-generation", "a reconcile stops before attaching (new generation)",
            "storage_controller/reconciler-epilogue", "a reconcile stops after its work, before its result is processed",
            "storage_controller/shard-split-pre-complete-pause", "a shard split holds with its parent shards splitting (service.rs)");

    private record Term(double probability, int count, String task, String arg) { }

    private static final class Config {
        final String actions;
        final List<Term> terms;
        final int[] remaining;

        Config(String actions, List<Term> terms) {
            this.actions = actions;
            this.terms = terms;
            this.remaining = terms.stream().mapToInt(Term::count).toArray();
        }
    }

    private final Map<String, Config> configs = new TreeMap<>();
    private final Random random;
    /** Bumped on every change, so a paused caller notices its failpoint was reconfigured. */
    private long version;

    public Failpoints(long seed) {
        this.random = new Random(seed);
    }

    private static String key(Component c, String name) {
        return c.name().toLowerCase(Locale.ROOT) + "/" + name;
    }

    /**
     * {@code fail::cfg(name, actions)}: parses and stores; {@code off} is stored too (upstream keeps it configured as
     * off). A bad action string throws {@link IllegalArgumentException} with the {@code fail} crate's reason.
     */
    public synchronized void configure(Component component, String name, String actions) {
        configs.put(key(component, name), new Config(actions, parse(actions)));
        version++;
        notifyAll();
    }

    /** Forgets every failpoint and releases whatever waits in a {@code pause}. */
    public synchronized void clear() {
        configs.clear();
        version++;
        notifyAll();
    }

    /** Every configured failpoint, ordered by component and name: component, name, actions and what the testkit does with it. */
    public synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        configs.forEach((k, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            int slash = k.indexOf('/');
            m.put("component", k.substring(0, slash));
            m.put("name", k.substring(slash + 1));
            m.put("actions", c.actions);
            m.put("effect", MAPPED.getOrDefault(k, "stored only: the simulation has no such point"));
            out.add(m);
        });
        return out;
    }

    /**
     * Passes failpoint {@code name}: sleeps for {@code sleep}/{@code delay}, waits while it is {@code pause}d (until
     * reconfigured or {@code cancelled}), and answers the argument of a {@code return} (empty string without one).
     * {@code panic} and {@code exit} answer as a failed request would.
     */
    public Optional<String> eval(Component component, String name, BooleanSupplier cancelled) {
        String key = key(component, name);
        long sleep;
        synchronized (this) {
            Term t = pick(configs.get(key));
            if (t == null) {
                return Optional.empty();
            }
            switch (t.task()) {
                case "return" -> {
                    return Optional.of(t.arg() == null ? "" : t.arg());
                }
                case "panic", "exit" -> throw HttpError.internal("failpoint " + name + " panicked"
                        + (t.arg() == null ? "" : ": " + t.arg()));
                case "pause" -> {
                    long seen = version;
                    while (version == seen && !cancelled.getAsBoolean()) {
                        try {
                            wait(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return Optional.empty();
                        }
                    }
                    return Optional.empty();
                }
                case "sleep", "delay" -> sleep = Long.parseLong(t.arg());
                default -> {
                    return Optional.empty();    // off, yield, print
                }
            }
        }
        Router.sleep(sleep);
        return Optional.empty();
    }

    /** The term that fires now, counting it down; null when none does. Callers hold the monitor. */
    private Term pick(Config c) {
        if (c == null) {
            return null;
        }
        for (int i = 0; i < c.terms.size(); i++) {
            Term t = c.terms.get(i);
            if (c.remaining[i] == 0) {
                continue;    // this term's count is used up: the next one applies
            }
            if (t.probability() < 1 && random.nextDouble() >= t.probability()) {
                return null;
            }
            if (c.remaining[i] > 0) {
                c.remaining[i]--;
            }
            return t.task().equals("off") ? null : t;
        }
        return null;
    }

    /** The {@code fail} crate's action grammar; messages follow its {@code FromStr for Action}. */
    static List<Term> parse(String actions) {
        List<Term> out = new ArrayList<>();
        for (String raw : actions.split("->", -1)) {
            String s = raw.trim();
            double probability = 1;
            int count = -1;
            int pct = s.indexOf('%');
            if (pct >= 0) {
                try {
                    probability = Double.parseDouble(s.substring(0, pct)) / 100;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("failed to parse frequency: " + e.getMessage());
                }
                s = s.substring(pct + 1);
            }
            int star = s.indexOf('*');
            if (star >= 0) {
                try {
                    count = Integer.parseInt(s.substring(0, star));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("failed to parse count: " + e.getMessage());
                }
                s = s.substring(star + 1);
            }
            String task = s;
            String arg = null;
            int open = s.indexOf('(');
            if (open >= 0) {
                if (!s.endsWith(")")) {
                    throw new IllegalArgumentException("parentheses do not match");
                }
                task = s.substring(0, open);
                arg = s.substring(open + 1, s.length() - 1);
            }
            switch (task) {
                case "off", "return", "panic", "print", "pause", "yield", "exit" -> { }
                case "sleep", "delay" -> {
                    try {
                        Long.parseUnsignedLong(arg == null ? "" : arg);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("failed to parse timeout: invalid digit found in string");
                    }
                }
                default -> throw new IllegalArgumentException("unrecognized command \"" + task + "\"");
            }
            out.add(new Term(probability, count, task, arg));
        }
        return out;
    }
}
