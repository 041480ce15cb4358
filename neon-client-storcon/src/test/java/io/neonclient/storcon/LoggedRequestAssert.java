package io.neonclient.storcon;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Body assertions on a logged request. */
final class LoggedRequestAssert {
    private LoggedRequestAssert() {}

    static void body(LoggedRequest r, String expectedJson) {
        WireMockTestBase.assertJsonEquals(expectedJson, r.getBodyAsString());
    }
}
