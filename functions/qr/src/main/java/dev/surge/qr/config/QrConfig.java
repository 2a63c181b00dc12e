package dev.surge.qr.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.surge.qr.CodeKind;

/** Pools, the upstream and its rate limit, limits of a binding, timings and fault tolerance of QR allocation. */
@ConfigMapping(prefix = "surge.qr")
public interface QrConfig {

    /** The pools of pre-generated codes, by name (a name is part of Redis keys: letters, digits, '-'). */
    Map<String, Pool> pools();

    /** Codes the upstream makes per minute for the whole fleet; no instance ever asks for more. */
    @WithDefault("5000")
    int upstreamLimitPerMinute();

    /** Quiet hours, when refill may use almost all of the upstream quota. */
    QuietHours quietHours();

    /** Upstream codes per minute that refill leaves to live demand during quiet hours. */
    @WithDefault("250")
    int quietReserve();

    /** Upstream codes per minute that refill leaves to live demand during the day. */
    @WithDefault("1500")
    int dayReserve();

    /** How often the refill runs where a scheduler runs (locally; EventBridge in AWS). */
    @WithDefault("10s")
    Duration refillEvery();

    /** Codes one refill makes at once. */
    @WithDefault("16")
    int refillConcurrency();

    /** Age after which a binding still not recorded in MySQL is replayed there by the settler. */
    @WithDefault("30s")
    Duration settleAfter();

    /** How often the settler runs where a scheduler runs. */
    @WithDefault("10s")
    Duration settleEvery();

    /** Unrecorded bindings one settle run replays per pool. */
    @WithDefault("500")
    int settleBatch();

    /** How long an allocation is replayed for its idempotency key from Redis (MySQL keeps it for good). */
    @WithDefault("24h")
    Duration claimTtl();

    /** How long a binding stays cached in Redis for scans; older ones are read from MySQL and cached again. */
    @WithDefault("30d")
    Duration bindingCacheTtl();

    /** Longest page path of a binding. */
    @WithDefault("128")
    int maxPageLength();

    /** Most parameters a binding may carry. */
    @WithDefault("10")
    int maxParams();

    /** Longest parameter name. */
    @WithDefault("32")
    int maxParamKeyLength();

    /** Longest parameter value. */
    @WithDefault("256")
    int maxParamValueLength();

    /** Most bytes (UTF-8) of all parameter names and values together. */
    @WithDefault("1024")
    int maxParamsBytes();

    /** Budget of one upstream call (token or code), in milliseconds. */
    @WithDefault("3000")
    long upstreamTimeoutMs();

    /** How long start-up may spend opening the MySQL pool before leaving connections to the first requests. */
    @WithDefault("3s")
    Duration ledgerWarmUpTimeout();

    /** What a "try later" answer tells callers to wait when nothing better is known. */
    @WithDefault("1s")
    Duration retryAfter();

    /** The WeChat mini-program code API. */
    WeChat wechat();

    /** Where code images are kept. */
    Images images();

    /** One pool of codes that all open the same landing page. */
    interface Pool {

        /** Which issuer makes the pool's codes. */
        CodeKind kind();

        /**
         * What every code of the pool opens: a mini-program page path (wxacode) or a URL prefix that the
         * request id is appended to (plain).
         */
        String landing();

        /** Business types whose allocations take codes from this pool. */
        List<String> businessTypes();

        /** Codes a refill tops the pool up to. */
        int target();

        /** Level below which the pool counts as low (logged, and a gauge an alarm can watch). */
        int lowWater();

        /**
         * Codes one user may be allocated from this pool per calendar day (in {@link #zone()}), fleet-wide; absent
         * for no cap. Replays of an allocation's key are not counted.
         */
        OptionalInt perUserPerDay();

        /** Time zone whose calendar days {@link #perUserPerDay()} counts; UTC when absent. */
        @WithDefault("UTC")
        ZoneId zone();

        /**
         * The campaign the pool serves, if any: allocations from the pool then obey that campaign's per-user rate
         * limit on QR allocation ({@code rateLimits.qr}), read from the published campaign in-process.
         */
        OptionalLong campaignId();

        /**
         * The image of the pool's shared code (one for everyone, e.g. the campaign's generic poster code): what
         * an allocation answers while the campaign's {@code qr-landing-page} switch is on. Absent: the answer
         * names only the landing page.
         */
        Optional<String> sharedCodeUrl();
    }

    /** Hours of the day when traffic is low and refill runs fast. */
    interface QuietHours {

        /** Start of the quiet hours (inclusive), local time in {@link #zone()}. */
        @WithDefault("01:00")
        LocalTime start();

        /** End of the quiet hours (exclusive); before the start means the hours span midnight. */
        @WithDefault("07:00")
        LocalTime end();

        /** Time zone of the quiet hours. */
        @WithDefault("Asia/Shanghai")
        ZoneId zone();
    }

    /** The WeChat API and the mini-program it makes codes for. */
    interface WeChat {

        /** Base URL of the API. */
        @WithDefault("https://api.weixin.qq.com")
        URI baseUrl();

        /** The mini-program's app id; wxacode pools need it. */
        Optional<String> appId();

        /** The mini-program's app secret (from the environment or a secret store, never from a file in git). */
        Optional<String> secret();

        /** Which version of the mini-program codes open: release, trial or develop. */
        @WithDefault("release")
        String envVersion();

        /** Whether the upstream checks that the page exists in the published mini-program. */
        @WithDefault("false")
        boolean checkPath();

        /** Width of the code image in pixels. */
        @WithDefault("430")
        int width();

        /** A token is refreshed this long before the upstream says it expires. */
        @WithDefault("5m")
        Duration tokenMargin();

        /** How long an instance waits for another one that is fetching the shared token. */
        @WithDefault("3s")
        Duration tokenWait();
    }

    /** Object storage of code images. */
    interface Images {

        /** Which store keeps the images: a local directory (local runs) or an S3 bucket (AWS). */
        @WithDefault("directory")
        ImageStore store();

        /** Directory the local store writes images to. */
        Path directory();

        /**
         * Base of the durable URL of an image; the image's name (the S3 key) is appended. For S3 it is the CDN in
         * front of the bucket, or the bucket itself on a local S3 server.
         */
        String baseUrl();

        /** The S3 bucket of the s3 store. */
        S3 s3();

        /** Width and height of a plain QR image in pixels. */
        @WithDefault("430")
        int size();
    }

    /** Where code images are kept. */
    enum ImageStore {
        DIRECTORY, S3
    }

    /** The bucket of the s3 image store, and how to reach it. */
    interface S3 {

        /** Bucket name; required when the store is s3. */
        Optional<String> bucket();

        /** Region of the bucket; the SDK's default chain (AWS_REGION in Lambda) when absent. */
        Optional<String> region();

        /** Key prefix of every image; lifecycle rules expire objects under it. */
        @WithDefault("codes/")
        String prefix();

        /** Endpoint of an S3-compatible server (local runs and tests); the region's S3 endpoint when absent. */
        Optional<URI> endpoint();

        /** Path-style addressing (http://host/bucket/key), which local servers need. */
        @WithDefault("false")
        boolean pathStyle();

        /**
         * Uploads as an aws-chunked body (signed chunks, a trailing checksum S3 verifies). Off for local servers
         * that do not decode aws-chunked and would keep the framing as part of the image.
         */
        @WithDefault("true")
        boolean chunkedUploads();

        /** Static credentials for a local server; the SDK's default chain (the function's role) when absent. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Longest wait for a connection to S3, and for its answer once the image is sent. */
        @WithDefault("1s")
        Duration connectTimeout();

        @WithDefault("3s")
        Duration readTimeout();
    }
}
