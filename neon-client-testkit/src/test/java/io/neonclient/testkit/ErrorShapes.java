package io.neonclient.testkit;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.neonclient.contract.OpenApiContract;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The error body each upstream spec documents, taken from the spec itself (the same copies {@link OpenApiContract}
 * reads): pageserver {@code components.schemas.Error} ({@code {"msg"}}, libs/http-utils/src/error.rs HttpErrorBody),
 * safekeeper {@code components.responses.ForbiddenError} (the one safekeeper error schema that requires {@code msg};
 * the same HttpErrorBody), compute {@code components.schemas.GenericError} ({@code {"error"}},
 * libs/compute_api/src/responses.rs GenericAPIError). Used when a drift entry lets an error status the spec does not
 * list for a route through: the body must still have the spec's error shape.
 */
final class ErrorShapes {
    private static final Map<String, ErrorShapes> CACHE = new ConcurrentHashMap<>();

    private final SchemaValidator validator;
    private final Schema<?> schema;

    private ErrorShapes(String resource, String spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(read(resource), null, options).getOpenAPI();
        this.validator = new SchemaValidator(api, new MessageResolver());
        this.schema = switch (spec) {
            case "pageserver" -> api.getComponents().getSchemas().get("Error");
            case "safekeeper" -> api.getComponents().getResponses().get("ForbiddenError").getContent().get("application/json").getSchema();
            case "compute" -> api.getComponents().getSchemas().get("GenericError");
            default -> throw new IllegalArgumentException("spec must be pageserver, safekeeper or compute, got '" + spec + "'");
        };
        if (schema == null) {
            throw new IllegalStateException("the " + spec + " spec lost its error schema");
        }
    }

    static ErrorShapes of(String spec) {
        return CACHE.computeIfAbsent(spec, s -> new ErrorShapes(switch (s) {
            case "pageserver" -> "pageserver-openapi.yml";
            case "safekeeper" -> "safekeeper-openapi.yaml";
            default -> "compute-openapi.yaml";
        }, s));
    }

    /** The validator's complaints about {@code body} as this spec's error body; empty when it fits. */
    List<String> problems(String body) {
        List<String> out = new ArrayList<>();
        if (body == null || body.isBlank()) {
            out.add("error body missing: the spec's error responses carry a JSON body");
            return out;
        }
        ValidationReport report = validator.validate(body, schema, "validation.response.body");
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                out.add("error body: " + m.getKey() + ": " + m.getMessage());
            }
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing spec resource /openapi/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
