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
    void baseUri_withCredentials_isRefusedWithoutEchoingThem() {
        for (String bad : new String[] {"http://admin:s3cr3t-TOKEN@storcon:1234", "http://s3cr3t-TOKEN@storcon:1234/",
                "https://a:s3cr3t-TOKEN@h", "http://x:s3cr3t-TOKEN@h:99999"}) {
            var e = rejects(bad);
            assertTrue(e.getMessage().startsWith("baseUri must not carry credentials"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t-TOKEN"), e.getMessage());
            assertTrue(e.getMessage().contains("***@"), e.getMessage());
        }
        var b = ClientSettings.builder("storage controller");
        var e = assertThrows(IllegalArgumentException.class, () -> b.baseUri(URI.create("http://u:s3cr3t-TOKEN@h:1")));
        assertFalse(e.getMessage().contains("s3cr3t-TOKEN"), e.getMessage());
    }

    @Test
    void baseUri_withAnImpossiblePort_isRefusedWhenBuilt() {
        for (String bad : new String[] {"http://h:99999", "http://h:0", "http://h:65536/"}) {
            var e = rejects(bad);
            assertTrue(e.getMessage().startsWith("baseUri has port"), e.getMessage());
            assertTrue(e.getMessage().contains("expected 1-65535"), e.getMessage());
        }
        var b = ClientSettings.builder("storage controller");
        b.baseUri("http://h:65535");
        assertEquals(65535, b.build().baseUri().getPort());
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
