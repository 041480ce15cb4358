package io.neonclient.core.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    static IllegalArgumentException rejects(String uri) {
        var b = ClientSettings.builder("storage controller");
        return assertThrows(IllegalArgumentException.class, () -> b.baseUri(uri));
    }

    @Test
    void baseUri_isNormalised_andBadOnesAreNamed() {
        var b = ClientSettings.builder("storage controller");
        b.baseUri("http://localhost:1234/");
        assertEquals(URI.create("http://localhost:1234"), b.build().baseUri());
        b.baseUri(URI.create("https://storcon.example/prefix//"));
        assertEquals(URI.create("https://storcon.example/prefix"), b.build().baseUri());
        for (String bad : new String[] {"localhost:1234", "ftp://h/", "http:///x", "http://h:1/?q=1", "", "not a uri"}) {
            var e = rejects(bad);
            assertTrue(e.getMessage().startsWith("baseUri"), e.getMessage());
        }
    }

    @Test
    void missingBaseUri_isNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> ClientSettings.builder("pageserver").build());
        assertTrue(e.getMessage().contains("pageserver client needs a baseUri"), e.getMessage());
    }

    @Test
    void httpClientAndSslContextAreExclusive() throws Exception {
        var b = ClientSettings.builder("storage controller");
        b.baseUri("https://h");
        b.sslContext(SSLContext.getDefault());
        b.httpClient(java.net.http.HttpClient.newHttpClient());
        var e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("httpClient"), e.getMessage());
    }

    @Test
    void caCertificate_thatIsNotPem_isRejectedWithThePath() throws Exception {
        var file = java.nio.file.Files.createTempFile("ca", ".pem");
        java.nio.file.Files.writeString(file, "not a certificate");
        var b = ClientSettings.builder("storage controller");
        var e = assertThrows(IllegalArgumentException.class, () -> b.caCertificate(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void timeoutsAndUserAgentAreValidated() {
        var b = ClientSettings.builder("storage controller");
        b.baseUri("http://h");
        b.requestTimeout(java.time.Duration.ZERO);
        assertTrue(assertThrows(IllegalArgumentException.class, b::build).getMessage().contains("requestTimeout"));
        assertThrows(IllegalArgumentException.class, () -> b.userAgent("bad\nagent"));
    }

    @Test
    void toBuilder_roundTrips() {
        var b = ClientSettings.builder("storage controller");
        b.baseUri("http://h:1");
        b.bearerToken("t");
        ClientSettings s = b.build();
        assertEquals(s, s.toBuilder().build());
    }
}
