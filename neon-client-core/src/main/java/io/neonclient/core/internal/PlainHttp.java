package io.neonclient.core.internal;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS settings of a client whose base URI is {@code http://}: a context that refuses every handshake. The JDK's
 * {@code HttpClient} builds {@code SSLContext.getDefault()} when it is given none (loading the security providers and
 * the {@code cacerts} trust store, about a tenth of a second of a short-lived command's start-up) although a plain-HTTP
 * client never uses it: requests go only to the base URI and redirects are not followed.
 */
final class PlainHttp {
    private PlainHttp() {}

    /** A context whose every use throws: a plain-HTTP client has no TLS to offer. */
    static SSLContext noTls() {
        return new SSLContext(new Refusing(), null, "none") { };
    }

    /** Parameters to hand the client with {@link #noTls()}, so it does not ask the context for its defaults. */
    static SSLParameters parameters() {
        return new SSLParameters();
    }

    private static final class Refusing extends SSLContextSpi {
        private static IllegalStateException refused() {
            return new IllegalStateException("this client was built for a plain http:// base URI and has no TLS; give it an https:// base URI");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
