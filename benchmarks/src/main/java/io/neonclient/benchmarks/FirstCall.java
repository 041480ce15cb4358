package io.neonclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neonclient.core.TenantId;
import io.neonclient.storcon.StorageControllerClient;
import io.neonclient.storcon.TenantDescription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A fresh JVM's first call, for {@code benchmarks/cli-timing.sh}: {@code raw} builds a JDK {@code HttpClient} and an
 * {@code ObjectMapper} and reads {@code GET /control/v1/tenant/{tenant_id}} into a tree; {@code sdk} builds a
 * {@link StorageControllerClient} and calls {@code describe()}, decoded records and all. Both print the shard count and
 * close their client, as a short-lived program should (an open JDK client's selector thread adds about 0.3 s to a JVM's
 * exit).
 */
public final class FirstCall {
    private FirstCall() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String tenant = args[2];
        if (mode.equals("raw")) {
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                ObjectMapper mapper = new ObjectMapper();
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url + "/control/v1/tenant/" + tenant)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                JsonNode d = mapper.readTree(r.body());
                System.out.println(d.path("shards").size());
            }
        } else {
            try (StorageControllerClient storcon = StorageControllerClient.create(url)) {
                TenantDescription d = storcon.tenant(TenantId.parse(tenant)).describe();
                System.out.println(d.shards().size());
            }
        }
    }
}
