package dev.surge.shared.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a test run a real S3-compatible server (s3rver on 127.0.0.1:4569, started through
 * {@code scripts/services s3} when it is not up) with the code images bucket, and points the QR image store at
 * it. Images are read back over plain HTTP, path-style, as a phone would read them from the CDN.
 */
public class LocalS3 implements QuarkusTestResourceLifecycleManager {

    public static final int PORT = 4569;
    public static final String BUCKET = "surge-qr-images";
    /** s3rver's fixed credentials; it checks signatures made with them. */
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    public static String endpoint() {
        return "http://" + LocalServices.HOST + ":" + PORT;
    }

    public static String bucketUrl() {
        return endpoint() + "/" + BUCKET;
    }

    /** Makes sure the server answers and has the bucket; the script is idempotent and quick when both hold. */
    public static void ensureUp() {
        LocalServices.exec(List.of("bash", Repo.file("scripts/services").toString(), "s3"), true);
    }

    @Override
    public Map<String, String> start() {
        ensureUp();
        return Map.of(
                "surge.qr.images.store", "s3",
                "surge.qr.images.base-url", bucketUrl(),
                "surge.qr.images.s3.bucket", BUCKET,
                "surge.qr.images.s3.region", "us-east-1",
                "surge.qr.images.s3.endpoint", endpoint(),
                "surge.qr.images.s3.path-style", "true",
                // s3rver would keep an aws-chunked body, framing and all, as the object.
                "surge.qr.images.s3.chunked-uploads", "false",
                "surge.qr.images.s3.access-key-id", ACCESS_KEY,
                "surge.qr.images.s3.secret-access-key", SECRET_KEY);
    }

    @Override
    public void stop() {
        // The server and its objects outlive the run, like Redis and MariaDB; its data lives in a temp directory.
    }
}
