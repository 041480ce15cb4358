package io.neonclient.core.internal;

import io.neonclient.core.Operation;
import io.neonclient.core.Scope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP call, described before it is sent: method and path template (what logs and errors show),
 * the path built only from validated values, query, JSON body, the scope its token needs, and whether
 * repeating it is safe.
 */
public final class Request {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    /**
     * Each path template split once at its placeholders. The templates are the clients' string constants, a fixed
     * set, so the map stays as small as the API.
     */
    private static final ConcurrentHashMap<String, Template> TEMPLATES = new ConcurrentHashMap<>();

    /** A template's text around its placeholders ({@code literals.length == names.length + 1}) and their names. */
    private record Template(String[] literals, String[] names) {
        static Template parse(String template) {
            Matcher m = PLACEHOLDER.matcher(template);
            List<String> literals = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int end = 0;
            while (m.find()) {
                literals.add(template.substring(end, m.start()));
                names.add(m.group(1));
                end = m.end();
            }
            literals.add(template.substring(end));
            return new Template(literals.toArray(String[]::new), names.toArray(String[]::new));
        }
    }

    private final Operation operation;
    private final String path;
    private final String query;
    private final byte[] body;
    private final Scope scope;
    private final boolean idempotent;
    private final Set<Integer> extraRetryStatuses;
    private final Duration timeout;
    private final String contentType;

    private Request(Builder b) {
        this.operation = new Operation(b.method, b.template);
        this.path = b.path;
        // Most calls have no query and no extra retry statuses: then nothing is copied (Set.copyOf of an empty list
        // still builds a HashSet and an array).
        this.query = b.query == null ? "" : b.query.toString();
        this.body = b.body;
        this.scope = b.scope;
        this.idempotent = b.idempotent;
        this.extraRetryStatuses = b.extraRetryStatuses == null ? Set.of() : Set.copyOf(b.extraRetryStatuses);
        this.timeout = b.timeout;
        this.contentType = b.contentType;
    }

    public static Builder get(String template, Object... pathValues) {
        return new Builder("GET", template, pathValues).idempotent(true);
    }

    public static Builder put(String template, Object... pathValues) {
        return new Builder("PUT", template, pathValues);
    }

    public static Builder post(String template, Object... pathValues) {
        return new Builder("POST", template, pathValues);
    }

    public static Builder patch(String template, Object... pathValues) {
        return new Builder("PATCH", template, pathValues);
    }

    public static Builder delete(String template, Object... pathValues) {
        return new Builder("DELETE", template, pathValues);
    }

    public Operation operation() {
        return operation;
    }

    /** The path with values filled in and percent-encoded, without the query. */
    public String path() {
        return path;
    }

    /** The encoded query without {@code ?}, or empty. */
    public String query() {
        return query;
    }

    /** The filled-in path and query, e.g. {@code /v1/tenant/…/time_travel_remote_storage?travel_to=…}. */
    public String pathAndQuery() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    public byte[] body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    /** The scope the token must carry, or null for unauthenticated routes. */
    public Scope scope() {
        return scope;
    }

    public boolean idempotent() {
        return idempotent;
    }

    /** Statuses beyond 503/429/408 that this endpoint documents as "try again" (e.g. none, or 409 for a delete). */
    public Set<Integer> extraRetryStatuses() {
        return extraRetryStatuses;
    }

    /** A per-call timeout overriding the client's, or null. */
    public Duration timeout() {
        return timeout;
    }

    public static final class Builder {
        private final String method;
        private final String template;
        private final String path;
        /** Made by the first {@link #query}. */
        private StringBuilder query;
        private byte[] body;
        private String contentType = "application/json";
        private Scope scope;
        private boolean idempotent;
        /** Made by the first {@link #retryOn}. */
        private List<Integer> extraRetryStatuses;
        private Duration timeout;

        private Builder(String method, String template, Object... values) {
            this.method = method;
            this.template = template;
            this.path = fill(template, values);
        }

        /**
         * Fills {@code {placeholders}} in order. Values must be the SDK's validated types (ids, numbers) whose
         * text is a plain URL segment; anything else is a programming error in the SDK.
         */
        private static String fill(String template, Object[] values) {
            Template t = TEMPLATES.computeIfAbsent(template, Template::parse);
            StringBuilder out = new StringBuilder(template.length() + 48);
            out.append(t.literals[0]);
            for (int i = 0; i < t.names.length; i++) {
                if (i >= values.length) {
                    throw new IllegalArgumentException("path " + template + " needs a value for {" + t.names[i] + "}");
                }
                String name = t.names[i];
                Object v = Objects.requireNonNull(values[i], () -> "path value for {" + name + "} must not be null");
                String text = v.toString();
                if (!isSafeSegment(text)) {
                    throw new IllegalArgumentException("{" + name + "} must be a plain path segment, got '" + Checks.abbreviate(text) + "'");
                }
                out.append(text).append(t.literals[i + 1]);
            }
            if (t.names.length != values.length) {
                throw new IllegalArgumentException("path " + template + " takes " + t.names.length + " values, got " + values.length);
            }
            return out.toString();
        }

        /**
         * {@code [A-Za-z0-9._-]+} but not {@code .} or {@code ..} (which a server or proxy may resolve to another path),
         * checked without a regex: every call of every client fills a path.
         */
        private static boolean isSafeSegment(String text) {
            if (text.isEmpty() || text.equals(".") || text.equals("..")) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || Checks.isAsciiDigit(c) || c == '.' || c == '_' || c == '-';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        /** Adds {@code name=value}, percent-encoded so that {@code +} and spaces survive ({@code %2B}, {@code %20}). */
        public Builder query(String name, Object value) {
            if (value == null) {
                return this;
            }
            if (query == null) {
                query = new StringBuilder();
            } else {
                query.append('&');
            }
            query.append(encode(name)).append('=').append(encode(value.toString()));
            return this;
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }

        /** A JSON body from a record (or any Jackson-writable value). */
        public Builder json(Object value) {
            this.body = Json.encode(value);
            this.contentType = "application/json";
            return this;
        }

        /** A raw body (e.g. a tar stream already in memory) with its content type. */
        public Builder body(byte[] bytes, String contentType) {
            this.body = bytes;
            this.contentType = contentType;
            return this;
        }

        public Builder scope(Scope scope) {
            this.scope = scope;
            return this;
        }

        /** Declares the call safe to send twice (GETs are by default; idempotent PUT/DELETE say so). */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** Statuses this endpoint documents as "not yet, call again"; retried even when not idempotent. */
        public Builder retryOn(int... statuses) {
            if (extraRetryStatuses == null) {
                extraRetryStatuses = new ArrayList<>();
            }
            for (int s : statuses) {
                extraRetryStatuses.add(s);
            }
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Request build() {
            return new Request(this);
        }
    }
}
