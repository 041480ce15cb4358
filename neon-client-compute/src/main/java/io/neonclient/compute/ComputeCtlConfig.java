package io.neonclient.compute;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code compute_ctl_config} that {@code POST /configure} requires next to the spec (mirrors
 * {@code ComputeCtlConfig} in upstream {@code libs/compute_api/src/responses.rs}; the OpenAPI document omits it).
 *
 * @param jwks the JSON web keys compute_ctl verifies control-plane tokens with
 * @param tls  certificate paths for TLS, or null
 */
public record ComputeCtlConfig(Jwks jwks, @JsonInclude(JsonInclude.Include.ALWAYS) Optional<Tls> tls) {
    /** A component the wire left out (null) takes its empty or default value. */
    public ComputeCtlConfig {
        jwks = jwks == null ? new Jwks(List.of()) : jwks;
        tls = tls == null ? Optional.empty() : tls;
    }

    /** No keys and no TLS (upstream's default). */
    public static ComputeCtlConfig empty() {
        return new ComputeCtlConfig(new Jwks(List.of()), Optional.empty());
    }

    /**
     * A JWK set, {@code {"keys": [...]}}; each key is a standard JWK object (RFC 7517).
     *
     * @param keys the keys
     */
    public record Jwks(List<Map<String, Object>> keys) {
        /** Checks the components: copies lists and maps (unmodifiable). */
        public Jwks {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    /**
     * Upstream {@code TlsConfig}.
     *
     * @param keyPath  private key file on the compute
     * @param certPath certificate file on the compute
     */
    public record Tls(String keyPath, String certPath) {}
}
