package dev.surge.qr.upstream;

import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.surge.qr.CodeImages;
import dev.surge.qr.IssuedImage;
import dev.surge.qr.config.QrConfig;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Images in an S3 bucket, read by phones through the CDN at the configured base URL: an image outlives the Lambda
 * environment that made it, so a pre-generated code bought from the upstream's quota is never lost with it.
 * Keys are {@code <prefix><pool>/<request id>.<ext>}: request ids are unique, so a key is written once and its
 * object never changes, which lets every cache keep it for good.
 */
public class S3Images implements CodeImages, AutoCloseable {

    /** An image never changes under its key: browsers and the CDN may keep it for a year without asking. */
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String baseUrl;

    public S3Images(QrConfig config) {
        QrConfig.S3 spec = config.images().s3();
        this.bucket = spec.bucket()
                .orElseThrow(() -> new IllegalStateException("surge.qr.images.s3.bucket is required for the s3 store"));
        this.prefix = spec.prefix();
        this.baseUrl = config.images().baseUrl().replaceAll("/+$", "");
        // The JDK's own HTTP client: no Netty or Apache client in the function, and one store call at a time per
        // worker thread needs no pool of its own.
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(spec.connectTimeout())
                        .socketTimeout(spec.readTimeout()))
                .forcePathStyle(spec.pathStyle())
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(spec.chunkedUploads()).build())
                .requestChecksumCalculation(spec.chunkedUploads()
                        ? RequestChecksumCalculation.WHEN_SUPPORTED
                        : RequestChecksumCalculation.WHEN_REQUIRED);
        spec.region().map(Region::of).ifPresent(builder::region);
        spec.endpoint().ifPresent(builder::endpointOverride);
        if (spec.accessKeyId().isPresent() && spec.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider
                    .create(AwsBasicCredentials.create(spec.accessKeyId().get(), spec.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
    }

    /** The key of a code's image. */
    public String key(String pool, String requestId, IssuedImage image) {
        return prefix + pool + "/" + requestId + "." + image.extension();
    }

    @Override
    public Uni<String> store(String pool, String requestId, IssuedImage image) {
        String key = key(pool, requestId, image);
        PutObjectRequest put = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(image.contentType())
                .cacheControl(CACHE_CONTROL)
                .build();
        // The SDK client blocks: its call runs on a worker thread, never on the event loop.
        return Uni.createFrom().item(() -> {
            s3.putObject(put, RequestBody.fromBytes(image.bytes()));
            return baseUrl + "/" + key;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Phones read images from the CDN, never through this function. */
    @Override
    public Uni<Optional<IssuedImage>> read(String fileName) {
        return Uni.createFrom().item(Optional.empty());
    }

    @Override
    public void close() {
        s3.close();
    }
}
