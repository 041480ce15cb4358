package io.neonclient.samples;

import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.storcon.CreateTenantRequest;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options that describe a new tenant ({@code POST /v1/tenant}), shared by {@code tenant create} and {@code bootstrap}. */
final class NewTenantOptions {
    @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "the new tenant's id (default: a new random id, printed)")
    TenantId tenant;

    @Option(names = "--shards", defaultValue = "0", paramLabel = "N", description = "shard count, 0 for unsharded (default 0)")
    int shards;

    @Option(names = "--stripe-size", defaultValue = "2048", paramLabel = "PAGES", description = "stripe size in 8 KiB pages (default 2048, 16 MiB)")
    long stripePages;

    @Option(names = "--placement", defaultValue = "Attached(1)", paramLabel = "POLICY", description = "Attached(n), Secondary or Detached (default Attached(1))")
    String placement;

    /** Whether no {@code --tenant} was given, so the id is generated. */
    boolean generated() {
        return tenant == null;
    }

    /**
     * The create request for tenant {@code id} (the given one, or one the caller generated); a bad {@code --placement},
     * {@code --shards} or {@code --stripe-size} is a usage error naming the option, before anything is sent.
     */
    CreateTenantRequest request(CommandSpec spec, TenantId id) {
        PlacementPolicy policy;
        try {
            policy = PlacementPolicy.parse(placement);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--placement: " + e.getMessage());
        }
        try {
            return (shards == 0 ? CreateTenantRequest.unsharded(id) : CreateTenantRequest.sharded(id, shards, StripeSize.ofPages(stripePages)))
                    .withPlacement(policy);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--shards/--stripe-size: " + e.getMessage());
        }
    }
}
