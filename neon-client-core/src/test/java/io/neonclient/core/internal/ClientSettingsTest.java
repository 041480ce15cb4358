package io.neonclient.core.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.neonclient.core.ClientConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    static IllegalArgumentException rejects(String uri) {
        return assertThrows(IllegalArgumentException.class, () -> ClientSettings.parseBaseUri("baseUri", uri));
    }

    @Test
    void baseUri_isNormalised_andBadOnesAreNamed() {
        assertEquals(URI.create("http://localhost:1234"), ClientSettings.parseBaseUri("baseUri", "http://localhost:1234/"));
        var s = new ClientSettings("storage controller", URI.create("https://storcon.example/prefix//"), ClientConfig.defaults());
        assertEquals(URI.create("https://storcon.example/prefix"), s.baseUri());
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
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ClientSettings("storage controller", URI.create("http://u:s3cr3t-TOKEN@h:1"), ClientConfig.defaults()));
        assertFalse(e.getMessage().contains("s3cr3t-TOKEN"), e.getMessage());
    }

    @Test
    void baseUri_withAnImpossiblePort_isRefusedWhenBuilt() {
        for (String bad : new String[] {"http://h:99999", "http://h:0", "http://h:65536/"}) {
            var e = rejects(bad);
            assertTrue(e.getMessage().startsWith("baseUri has port"), e.getMessage());
            assertTrue(e.getMessage().contains("expected 1-65535"), e.getMessage());
        }
        assertEquals(65535, ClientSettings.parseBaseUri("baseUri", "http://h:65535").getPort());
    }

    @Test
    void missingBaseUri_isNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ClientSettings("pageserver", null, ClientConfig.defaults()));
        assertTrue(e.getMessage().contains("pageserver client needs a baseUri"), e.getMessage());
    }

    @Test
    void settingsReadThroughToTheConfig() {
        ClientConfig config = ClientConfig.defaults().withRequestTimeout(Duration.ofSeconds(7)).withMaxResponseBytes(99);
        var s = new ClientSettings("safekeeper", URI.create("http://h:1"), config);
        assertEquals(Duration.ofSeconds(7), s.requestTimeout());
        assertEquals(99, s.maxResponseBytes());
        assertNull(s.sslContext());
        assertNull(s.httpClient());
        assertEquals(config.waitPolicy().withTimeout(Duration.ofMillis(5)), s.waitFor(Duration.ofMillis(5)));
        var e = assertThrows(IllegalArgumentException.class, () -> s.waitFor(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().startsWith("timeout must be zero or positive"), e.getMessage());
    }
}
