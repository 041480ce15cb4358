package io.neonclient.testkit.internal;

/** The verified claims of a request's token; {@code NONE} when auth is off or the route is open. */
public record Claims(String scope, String tenantId) {
    public static final Claims NONE = new Claims(null, null);
}
