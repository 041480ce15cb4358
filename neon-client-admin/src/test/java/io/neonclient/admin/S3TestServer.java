package io.neonclient.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server for tests: s3proxy in-process on a free loopback port, with jclouds' filesystem backend
 * (a bucket is a directory under {@link #root()}, an object a file at its key) and AWS V2/V4 signatures checked
 * against a fixed key pair. The testkit's import jobs read the same directory ({@code importBucketRoot}).
 */
final class S3TestServer implements AutoCloseable {
    static final String ACCESS_KEY = "neon-access";
    static final String SECRET_KEY = "neon-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path root;

    private S3TestServer(S3Proxy proxy, BlobStoreContext context, Path root) {
        this.proxy = proxy;
        this.context = context;
        this.root = root;
    }

    static S3TestServer start(Path root) {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", root.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(5);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("s3proxy did not start: " + e, e);
        }
        return new S3TestServer(proxy, context, root);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    Path root() {
        return root;
    }

    /** A reader of this server with its keys, path-style. */
    PgdataBucket bucket() {
        return PgdataBucket.builder().endpoint(endpoint()).pathStyle(true).credentials(ACCESS_KEY, SECRET_KEY).build();
    }

    /** Creates the bucket (a directory of the filesystem backend). */
    void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Writes an object through the blob store, as an upload would. */
    void put(String bucket, String key, String content) {
        var blob = context.getBlobStore().blobBuilder(key).payload(content.getBytes(StandardCharsets.UTF_8)).build();
        context.getBlobStore().putBlob(bucket, blob);
    }

    /** Whether the object exists as a file under the root, where the testkit reads it. */
    boolean fileExists(String bucket, String key) {
        return Files.isRegularFile(root.resolve(bucket).resolve(key));
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("s3proxy did not stop", e));
        } finally {
            context.close();
        }
    }
}
