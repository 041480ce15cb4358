package io.neonclient.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neonclient.core.ApiException;
import io.neonclient.core.Operation;
import io.neonclient.core.TransportException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Runs one Kubernetes API call and turns fabric8's exception into ours, so no fabric8 type escapes the module. */
final class KubernetesCalls {
    private KubernetesCalls() {}

    // DNS-1123 label (namespaces) and subdomain (object names), as k8s.io/apimachinery/pkg/util/validation checks them.
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /**
     * The result of {@code call}; an answer with an error status becomes the {@link ApiException} of its family
     * ({@code NotFoundException} for 404, {@code ConflictException} for 409 …), no answer a {@link TransportException}.
     */
    static <T> T call(Operation operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() > 0) {
                String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
                throw ApiException.of(operation, e.getCode(), message, 1);
            }
            throw new TransportException(operation, String.valueOf(e.getMessage()), 1, e);
        }
    }

    /** A 404 for {@code what} (fabric8's {@code get()} answers null rather than throwing). */
    static ApiException notFound(Operation operation, String what) {
        return ApiException.of(operation, 404, what + " not found", 1);
    }

    static String namespace(String namespace) {
        java.util.Objects.requireNonNull(namespace, "namespace");
        if (namespace.length() > 63 || !LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must be a DNS-1123 label (lower-case letters, digits and '-', "
                    + "at most 63), got '" + namespace + "'");
        }
        return namespace;
    }

    static String name(String field, String name) {
        java.util.Objects.requireNonNull(name, field);
        if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " must be a DNS-1123 subdomain (lower-case letters, digits, '-' "
                    + "and '.', at most 253), got '" + name + "'");
        }
        return name;
    }
}
