package io.neonclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which shared fixture (contracts/fixtures, mirroring upstream's serde structs key for key) a successful pageserver or
 * compute_ctl answer must match. The OpenAPI documents are stale and {@code SpecDrift} lets extra or null fields
 * through for these bodies; the fixtures are not, so {@link ContractCheck} compares every recorded answer that has one
 * with {@link Shapes}, including the routes the specs lack.
 *
 * @param spec     {@code pageserver}, {@code safekeeper} or {@code compute}
 * @param method   HTTP method
 * @param path     regex over the concrete request path
 * @param query    regex the raw query must contain (empty: any)
 * @param fixture  the fixture's file name
 * @param pointer  JSON pointer to the part of the fixture the answer mirrors (empty: all of it)
 * @param each     the answer is an array whose every element has the fixture's shape
 */
record ResponseFixtures(String spec, String method, Pattern path, String query, String fixture, String pointer, boolean each) {

    private static final String TS = "/v1/tenant/[0-9a-f]{32}(-[0-9a-f]{4})?";
    private static final String TL = TS + "/timeline/[0-9a-f]{32}";

    /** First match wins. */
    static final List<ResponseFixtures> ALL = List.of(
            of("pageserver", "GET", TL, "", "pageserver.timeline_info.response.json", false),
            of("pageserver", "POST", TS + "/timeline", "", "pageserver.timeline_info.response.json", false),
            of("pageserver", "GET", TS + "/timeline", "", "pageserver.timeline_info.response.json", true),
            of("pageserver", "GET", TS, "", "pageserver.tenant_detail.response.json", false),
            of("pageserver", "GET", "/v1/location_config", "", "pageserver.location_config_list.response.json", false),
            // get_location_config_handler answers Option<LocationConfig>: the list's LocationConfig
            new ResponseFixtures("pageserver", "GET", Pattern.compile("/v1/location_config/[0-9a-f]{32}(-[0-9a-f]{4})?"), "",
                    "pageserver.location_config_list.response.json", "/tenant_shards/0/1", false),
            of("pageserver", "POST", TS + "/secondary/download", "", "storcon.secondary_download.response.json", false),
            of("pageserver", "GET", TS + "/secondary/status", "", "storcon.secondary_download.response.json", false),
            of("pageserver", "GET", TL + "/get_lsn_by_timestamp", "with_lease=true", "storcon.get_lsn_by_timestamp.with_lease.response.json", false),
            of("pageserver", "GET", TL + "/get_lsn_by_timestamp", "", "storcon.get_lsn_by_timestamp.response.json", false),
            of("pageserver", "PUT", TL + "/detach_ancestor", "", "storcon.timeline_detach_ancestor.response.json", false),
            of("compute", "GET", "/status", "", "compute.status.response.json", false),
            of("compute", "POST", "/configure", "", "compute.status.response.json", false));

    private static ResponseFixtures of(String spec, String method, String path, String query, String fixture, boolean each) {
        return new ResponseFixtures(spec, method, Pattern.compile(path + "/?"), query, fixture, "", each);
    }

    /** The fixture a 2xx answer to this call must match, if any. */
    static Optional<ResponseFixtures> of(String spec, RawHttp.Exchange e) {
        if (e.status() < 200 || e.status() > 299) {
            return Optional.empty();
        }
        String q = e.rawQuery() == null ? "" : e.rawQuery();
        return ALL.stream().filter(f -> f.spec.equals(spec) && f.method.equals(e.method()) && f.path.matcher(e.rawPath()).matches()
                && q.contains(f.query)).findFirst();
    }

    /** Compares the answer with the fixture; the message of the first difference, or empty. */
    Optional<String> mismatch(String responseBody) {
        try {
            JsonNode actual = RawHttp.JSON.readTree(responseBody);
            if (each) {
                if (!actual.isArray()) {
                    return Optional.of(fixture + ": expected an array of these, got " + responseBody);
                }
                actual.forEach(element -> Shapes.assertShape(fixture, pointer, element));
            } else {
                Shapes.assertShape(fixture, pointer, actual);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(fixture + ": answer is not JSON: " + responseBody);
        } catch (AssertionError e) {
            return Optional.of(e.getMessage());
        }
    }
}
