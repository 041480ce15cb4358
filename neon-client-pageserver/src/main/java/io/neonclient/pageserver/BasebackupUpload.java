package io.neonclient.pageserver;

import io.neonclient.core.ApiException;
import io.neonclient.core.BearerToken;
import io.neonclient.core.Operation;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.core.TransportException;
import io.neonclient.core.internal.ClientSettings;
import io.neonclient.core.internal.HttpTransport;
import io.neonclient.core.internal.Request;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Streams a tar file to {@code import_basebackup}. Core's transport only sends bodies held in memory, and a
 * basebackup can be many gigabytes, so this one call goes through {@code java.net.http} directly with the client's
 * settings (base URI, token, timeouts, TLS) and maps errors the way the transport does. Sent once: a half-consumed
 * stream cannot be replayed, and the server leaves a broken timeline behind a failed import anyway.
 */
final class BasebackupUpload {
    static final String TEMPLATE = "/v1/tenant/{tenant_id}/timeline/{timeline_id}/import_basebackup";

    private BasebackupUpload() {}

    static void send(PageserverClient client, TenantId tenant, TimelineId timeline, ImportBasebackupRequest req) {
        // Built with core's Request only to validate and encode the path and query the same way as every other call.
        Request request = Request.put(TEMPLATE, tenant, timeline)
                .query("base_lsn", req.baseLsn()).query("end_lsn", req.endLsn()).query("pg_version", req.pgVersion())
                .scope(PageserverClient.SCOPE).build();
        send(client, request, req.tarFile());
    }

    /** Streams {@code tarFile} as the body of {@code request} (a PUT), once; also {@code import_wal}'s upload. */
    static void send(PageserverClient client, Request request, java.nio.file.Path tarFile) {
        Operation op = request.operation();
        ClientSettings s = client.settings();
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(tarFile);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("tarFile must be a readable file, got " + tarFile, e);
        }
        HttpRequest.Builder hb = HttpRequest.newBuilder(URI.create(s.baseUri() + request.pathAndQuery()))
                .timeout(s.requestTimeout())
                .header("User-Agent", s.userAgent())
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-tar")
                .PUT(body);
        Optional<BearerToken> token = s.tokens().tokenFor(request.scope());
        token.ifPresent(t -> hb.header("Authorization", "Bearer " + t.value()));
        HttpClient http = s.httpClient() != null ? s.httpClient() : newClient(s);
        HttpResponse<byte[]> response;
        try {
            response = http.send(hb.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TransportException(op, e.toString(), 1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(op, "interrupted", 1, e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw ApiException.of(op, status, HttpTransport.serverMessage(response.body()), 1);
        }
    }

    private static HttpClient newClient(ClientSettings s) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(s.connectTimeout());
        if (s.sslContext() != null) {
            b.sslContext(s.sslContext());
        }
        return b.build();
    }
}
