package io.neonclient.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.Lsn;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.pageserver.TimelineCreation;
import org.junit.jupiter.api.Test;

/** The untagged Branch → ImportPgdata → Bootstrap order, unknown fields ignored, as serde does. */
class TimelineCreationTest {
    private static final String TL = "0dd025d5b5a8ca0c2f584e72764e5814";
    private static final String ANCESTOR = "a913eb80d57355a5ee645fbe9eb17572";

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) RawHttp.JSON.readTree(json);
    }

    @Test
    void parse_branchWithLsn_isBranch() throws Exception {
        var b = assertInstanceOf(TimelineCreation.Branch.class, TimelineCreation.parse(body(
                "{\"new_timeline_id\": \"" + TL + "\", \"ancestor_timeline_id\": \"" + ANCESTOR + "\", \"ancestor_start_lsn\": \"0/1520CF8\"}")));
        assertEquals(Lsn.parse("0/1520CF8"), b.startLsn());
    }

    @Test
    void parse_misspelledStartLsn_isBranchAtTip() throws Exception {
        var b = assertInstanceOf(TimelineCreation.Branch.class, TimelineCreation.parse(body(
                "{\"new_timeline_id\": \"" + TL + "\", \"ancestor_timeline_id\": \"" + ANCESTOR + "\", \"ancestor_start\": \"0/1520CF8\"}")));
        assertNull(b.startLsn());
    }

    @Test
    void parse_misspelledAncestor_isBootstrap() throws Exception {
        assertInstanceOf(TimelineCreation.Bootstrap.class, TimelineCreation.parse(body(
                "{\"new_timeline_id\": \"" + TL + "\", \"ancestor_timline_id\": \"" + ANCESTOR + "\"}")));
    }

    @Test
    void parse_importPgdata_isImport() throws Exception {
        assertInstanceOf(TimelineCreation.ImportPgdata.class, TimelineCreation.parse(body("{\"new_timeline_id\": \"" + TL
                + "\", \"import_pgdata\": {\"idempotency_key\": \"k\", \"location\": {\"AwsS3\": {\"region\": \"r\", \"bucket\": \"b\", \"key\": \"k/\"}}}}")));
    }

    @Test
    void parse_unsupportedPgVersion_matchesNoVariant() throws Exception {
        HttpError e = assertThrows(HttpError.class, () -> TimelineCreation.parse(body("{\"new_timeline_id\": \"" + TL + "\", \"pg_version\": 13}")));
        assertEquals(400, e.status());
        assertEquals(400, assertThrows(HttpError.class, () -> TimelineCreation.parse(body("{\"pg_version\": 16}"))).status());
    }
}
