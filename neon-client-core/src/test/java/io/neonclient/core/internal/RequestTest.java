package io.neonclient.core.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.Operation;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Path templates: filled in order from the SDK's validated values, refused with the placeholder's name otherwise. */
class RequestTest {
    static final TenantId TENANT = TenantId.parse("5187ddbeeda5e7bf3a699a26009f434c");
    static final TimelineId TIMELINE = TimelineId.parse("f1e2d3c4b5a6978812345678abcdef01");

    @Test
    void placeholders_areFilledInOrder_andTheOperationKeepsTheTemplate() {
        Request r = Request.get("/v1/tenant/{tenant_id}/timeline/{timeline_id}/lsn_lease", TENANT, TIMELINE).query("a", "b c").build();
        assertEquals("/v1/tenant/" + TENANT + "/timeline/" + TIMELINE + "/lsn_lease", r.path());
        assertEquals("/v1/tenant/" + TENANT + "/timeline/" + TIMELINE + "/lsn_lease?a=b%20c", r.pathAndQuery());
        assertEquals(new Operation("GET", "/v1/tenant/{tenant_id}/timeline/{timeline_id}/lsn_lease"), r.operation());
        assertEquals("/control/v1/node", Request.get("/control/v1/node").build().path(), "no placeholder");
        assertEquals("/v1/tenant/" + TENANT, Request.delete("/v1/tenant/{tenant_id}", TENANT).build().path(), "placeholder last");
        assertEquals("/control/v1/node/7/drain", Request.put("/control/v1/node/{node_id}/drain", 7).build().path(), "a number");
    }

    @Test
    void theSameTemplate_withOtherValues_fillsAgain() {
        String template = "/v1/tenant/{tenant_id}/location_config";
        TenantId other = TenantId.parse("00000000000000000000000000000001");
        assertEquals("/v1/tenant/" + TENANT + "/location_config", Request.put(template, TENANT).build().path());
        assertEquals("/v1/tenant/" + other + "/location_config", Request.put(template, other).build().path());
    }

    @Test
    void missingExtraNullAndUnsafeValues_areRefused_namingThePlaceholder() {
        var missing = assertThrows(IllegalArgumentException.class, () -> Request.get("/v1/tenant/{tenant_id}/timeline/{timeline_id}", TENANT));
        assertEquals("path /v1/tenant/{tenant_id}/timeline/{timeline_id} needs a value for {timeline_id}", missing.getMessage());
        var extra = assertThrows(IllegalArgumentException.class, () -> Request.get("/v1/tenant/{tenant_id}", TENANT, TIMELINE));
        assertEquals("path /v1/tenant/{tenant_id} takes 1 values, got 2", extra.getMessage());
        var none = assertThrows(NullPointerException.class, () -> Request.get("/v1/tenant/{tenant_id}", (Object) null));
        assertEquals("path value for {tenant_id} must not be null", none.getMessage());
        var slash = assertThrows(IllegalArgumentException.class, () -> Request.get("/v1/tenant/{tenant_id}", "../admin"));
        assertEquals("{tenant_id} must be a plain path segment, got '../admin'", slash.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Request.get("/v1/tenant/{tenant_id}", ""), "an empty segment");
        assertThrows(IllegalArgumentException.class, () -> Request.get("/v1/tenant/{tenant_id}/x", ".."), "the parent");
        assertThrows(IllegalArgumentException.class, () -> Request.get("/v1/tenant/{tenant_id}/x", "."), "the same");
        assertEquals("/v1/tenant/a..b/x", Request.get("/v1/tenant/{tenant_id}/x", "a..b").build().path(), "dots inside a segment");
        assertThrows(IllegalArgumentException.class, () -> Request.get("/v1/tenant/{tenant_id}", "caf\u00e9"), "ASCII only");
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(0).ofMaxLength(12), Arbitraries.of(".", "..", "..."),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(12));
    }

    /** The check without a regex accepts exactly what {@code [A-Za-z0-9._-]+} accepts, but for {@code .} and {@code ..}. */
    @Property
    void aSegmentIsAcceptedExactlyWhenItIsPlainAscii(@ForAll("segments") String segment) {
        boolean plain = Pattern.matches("[A-Za-z0-9._-]+", segment) && !segment.equals(".") && !segment.equals("..");
        if (plain) {
            assertEquals("/a/" + segment + "/b", Request.get("/a/{x}/b", segment).build().path());
        } else {
            assertThrows(IllegalArgumentException.class, () -> Request.get("/a/{x}/b", segment));
        }
    }
}
