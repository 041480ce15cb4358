// Explore a storage controller from JShell.
//
//   mvn -q -pl samples -am package -DskipTests
//   NEON_STORCON_URL=http://127.0.0.1:1234 jshell --class-path samples/target/neon-ops.jar samples/jshell/storcon.jsh
//
// No cluster? Start the embedded one first and use the URL it prints:
//   java -jar neon-client-testkit/target/neon-testkit.jar --pageservers 2 --safekeepers 3
//
// Optional: NEON_ADMIN_TOKEN (sent as the bearer token), NEON_TENANT (a tenant id to describe).
// Every client takes the same ClientConfig: PageserverClient.builder().baseUri(u).config(storcon.config()).build().
// tag::connect[]
import java.time.*;
import io.neonclient.core.*;
import io.neonclient.storcon.*;

var url = System.getenv().getOrDefault("NEON_STORCON_URL", "http://127.0.0.1:1234");
var token = System.getenv("NEON_ADMIN_TOKEN");
var config = token == null || token.isBlank() ? ClientConfig.defaults() : ClientConfig.defaults().withBearerToken(token);
var storcon = StorageControllerClient.builder().baseUri(url).config(config).build();
System.out.println(storcon.config());                         // tokens=<set> or <none>; never the token itself
// end::connect[]

System.out.println("controller " + storcon.baseUri() + " ready: " + storcon.ready());
// tag::look[]
storcon.nodes().list().forEach(n -> System.out.println("  pageserver " + n.id() + " " + n.availability() + "/" + n.scheduling()
        + " " + n.listenHttpAddr() + ":" + n.listenHttpPort()));

var tenantText = System.getenv("NEON_TENANT");
var firstTenant = storcon.tenants().list().map(TenantDescription::tenantId).findFirst();
var tenant = tenantText != null ? TenantId.parse(tenantText) : firstTenant.orElse(null);
if (tenant != null) {
    var d = storcon.tenant(tenant).describe();              // GET /control/v1/tenant/{tenant_id}
    System.out.println("tenant " + d.tenantId() + " " + d.policy() + ", stripe " + d.stripeSize());
    d.shards().forEach(s -> System.out.println("  " + s.id() + " attached " + s.attachedNode().map(Object::toString).orElse("-")
            + " secondaries " + s.secondaryNodes()));
} else {
    System.out.println("no tenants yet: storcon.tenants().create(CreateTenantRequest.sharded(TenantId.generate(), 2, StripeSize.DEFAULT))");
}
// end::look[]
// Try next:
//   storcon.shard(TenantShardId.parse(tenant + "-0102")).migrateTo(NodeId.of(1)).await(Duration.ofMinutes(5));
//   storcon.tenant(tenant).updatePolicy(PlacementPolicy.detached()).await(Duration.ofMinutes(2));
//   storcon.node(NodeId.of(1)).drain().await(WaitPolicy.defaults().withTimeout(Duration.ofMinutes(30)), System.out::println);
