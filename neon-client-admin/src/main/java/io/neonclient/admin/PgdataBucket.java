package io.neonclient.admin;

import io.neonclient.core.internal.Json;
import io.neonclient.model.CreateTimelineRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads a PGDATA import location the way the pageservers will, before the import starts: upstream's import job
 * ({@code pageserver/src/tenant/timeline/import_pgdata.rs}) polls {@code <prefix>/status/pgdata} every 10 s for ever
 * until it says {@code {"done": true}} ({@code PgdataStatus}, {@code import_pgdata/importbucket_format.rs}) and only
 * then reads {@code <prefix>/pgdata/global/pg_control}; neither a missing prefix nor an unfinished upload is ever
 * reported. Uses the AWS SDK v2 S3 client with the JDK's URL connection, with an endpoint override and path-style
 * addressing for MinIO and other S3-compatible stores (what the pageservers' {@code import_pgdata_aws_endpoint_url}
 * points at).
 */
public final class PgdataBucket implements AutoCloseable {
    private final S3Client s3;
    private final String endpoint;

    private PgdataBucket(S3Client s3, String endpoint) {
        this.s3 = s3;
        this.endpoint = endpoint;
    }

    /** A bucket reader for AWS S3 itself, with the default credential chain; the region is the location's. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the location holds.
     *
     * @param prefix      {@code s3://bucket/key}
     * @param statusDone  whether {@code status/pgdata} exists and says {@code {"done": true}}
     * @param controlFile whether {@code pgdata/global/pg_control} exists
     */
    public record Contents(String prefix, boolean statusDone, boolean controlFile) {
        /** Whether an import started now would find a finished upload. */
        public boolean ready() {
            return statusDone && controlFile;
        }
    }

    /**
     * Reads {@code status/pgdata} ({@code GetObject}) and checks {@code pgdata/global/pg_control} ({@code HeadObject})
     * under the location's prefix.
     *
     * @throws IllegalStateException when the bucket cannot be read (no such bucket, access denied, unreachable), naming
     *                               the endpoint and the prefix
     */
    public Contents read(CreateTimelineRequest.S3Location location) {
        Objects.requireNonNull(location, "location");
        String prefix = location.key().endsWith("/") ? location.key() : location.key() + "/";
        String where = "s3://" + location.bucket() + "/" + location.key();
        try {
            Optional<String> status = get(location.bucket(), prefix + "status/pgdata");
            boolean done = status.map(PgdataBucket::done).orElse(false);
            boolean control = exists(location.bucket(), prefix + "pgdata/global/pg_control");
            return new Contents(where, done, control);
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read " + where + " at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> get(String bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        }
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException absent) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static boolean done(String json) {
        try {
            return Json.tree(json.getBytes(StandardCharsets.UTF_8)).path("done").asBoolean(false);
        } catch (RuntimeException unreadable) {
            return false; // upstream's get_json fails and the job keeps waiting
        }
    }

    /** Closes the S3 client. */
    @Override
    public void close() {
        s3.close();
    }

    /** Settings of a {@link PgdataBucket}. */
    public static final class Builder {
        private URI endpoint;
        private boolean pathStyle;
        private String region = "us-east-1";
        private AwsCredentialsProvider credentials;

        private Builder() {}

        /** An S3-compatible endpoint instead of AWS ({@code http://minio:9000}); usually with {@link #pathStyle}. */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be an absolute http(s) URI, got '" + endpoint + "'");
            }
            this.endpoint = endpoint;
            return this;
        }

        /** Path-style addressing ({@code endpoint/bucket/key}), which MinIO and most S3-compatible stores need. */
        public Builder pathStyle(boolean on) {
            this.pathStyle = on;
            return this;
        }

        /** The signing region (default {@code us-east-1}; give the location's region for AWS itself). */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            if (region.isBlank()) {
                throw new IllegalArgumentException("region must not be blank");
            }
            this.region = region;
            return this;
        }

        /** Static credentials (default: the AWS default chain: environment, profile, instance role). */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
            return this;
        }

        /** The reader; it owns an S3 client until {@link PgdataBucket#close()}. */
        public PgdataBucket build() {
            var b = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(region))
                    .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                    .forcePathStyle(pathStyle)
                    // Checksums only where S3 requires them: the SDK's default response validation sends
                    // x-amz-checksum-mode, which several S3-compatible stores answer with 501.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            if (endpoint != null) {
                b.endpointOverride(endpoint);
            }
            return new PgdataBucket(b.build(), endpoint == null ? "AWS S3 (" + region + ")" : endpoint.toString());
        }
    }
}
