package io.neonclient.samples;

import io.neonclient.admin.PgdataBucket;
import io.neonclient.admin.PgdataImport;
import io.neonclient.core.HumanDuration;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.model.CreateTimelineRequest;
import io.neonclient.storcon.StorageControllerClient;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neon-ops import --tenant T --timeline TL --key K --bucket B --prefix P [--region R] [--s3-endpoint URL]}: the
 * {@link PgdataImport} recipe, with the bucket checked first through the AWS SDK (credentials from the AWS default
 * chain, e.g. {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}).
 */
@Command(name = "import", description = "Create a timeline from a PGDATA copy in S3 (import_pgdata): check the bucket, start, wait with progress, verify.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    NeonOps parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--timeline", required = true, paramLabel = "TIMELINE_ID", description = "id of the new timeline")
    String timeline;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "idempotency key: a repeat with it is the same import")
    String key;

    @Option(names = "--bucket", required = true, paramLabel = "BUCKET")
    String bucket;

    @Option(names = "--prefix", required = true, paramLabel = "PREFIX", description = "the PGDATA copy's prefix in the bucket (upstream's 'key')")
    String prefix;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1")
    String region;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "an S3-compatible endpoint (MinIO …), addressed path-style")
    String endpoint;

    @Option(names = "--no-precheck", description = "Do not read the bucket first (the pageservers wait for ever for an unfinished upload).")
    boolean noPrecheck;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "24h", description = "how long to wait for the import (default 24h)")
    String timeout;

    @Override
    public Integer call() {
        StorageControllerClient storcon = parent.storcon();
        CreateTimelineRequest.S3Location location;
        try {
            location = new CreateTimelineRequest.S3Location(region, bucket, prefix);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PgdataImport imp = PgdataImport.of(storcon, TenantId.parse(tenant), TimelineId.parse(timeline), key, location)
                .withJournal(parent.journal()).withWaitPolicy(storcon.config().waitPolicy().withTimeout(HumanDuration.parse(timeout)));
        if (noPrecheck) {
            return RecipeRunner.planOrRun(imp, parent, spec.commandLine().getOut());
        }
        PgdataBucket.Builder b = PgdataBucket.builder().region(region);
        if (endpoint != null) {
            b.endpoint(URI.create(endpoint)).pathStyle(true);
        }
        try (PgdataBucket s3 = b.build()) {
            return RecipeRunner.planOrRun(imp.withBucket(s3), parent, spec.commandLine().getOut());
        }
    }
}
