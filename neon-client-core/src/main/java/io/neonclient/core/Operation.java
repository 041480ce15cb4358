package io.neonclient.core;

import java.util.Objects;

/**
 * An HTTP call as errors and logs name it: the method and the path <em>template</em>, never the filled-in
 * path or query, e.g. {@code PUT /control/v1/tenant/{tenant_id}/policy}.
 *
 * @param method       GET, PUT, POST, PATCH or DELETE
 * @param pathTemplate the route with {@code {placeholders}}
 */
public record Operation(String method, String pathTemplate) implements java.io.Serializable {

    public Operation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
    }

    @Override
    public String toString() {
        return method + " " + pathTemplate;
    }
}
