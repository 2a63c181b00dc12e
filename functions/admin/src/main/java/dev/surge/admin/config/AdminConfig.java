package dev.surge.admin.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and timings of the admin function. */
@ConfigMapping(prefix = "surge.admin")
public interface AdminConfig {

    /** Most distinct user ids one uploaded list may hold; a larger upload is refused and the old list stays. */
    @WithDefault("1000000")
    @Min(1)
    int maxListSize();

    /** Longest user id a list accepts, in characters (the ledgers keep user ids in VARCHAR(128)). */
    @WithDefault("128")
    @Min(1)
    @Max(128)
    int maxUserIdLength();

    /**
     * Most characters one list body may hold once inflated, blank lines included: a million ids of 128
     * characters with line ends, and some room for blank lines and spaces.
     */
    @WithDefault("140000000")
    @Min(1)
    long maxListChars();

    /** User ids sent to Redis in one command while an upload streams in: small enough never to stall Redis. */
    @WithDefault("1000")
    @Min(1)
    @Max(5000)
    int listBatchSize();

    /** How long a list being uploaded may sit in Redis before it is swapped in; an abandoned upload expires. */
    @WithDefault("1h")
    Duration listUploadTtl();

    /** Most campaigns one listing returns, newest first. */
    @WithDefault("500")
    @Min(1)
    int maxListedCampaigns();

    /** Budget of one Redis script call (a batch of an upload, the swap); plain commands use quarkus.redis.timeout. */
    @WithDefault("5s")
    Duration redisTimeout();

    /** What a 503 answer (MySQL or Redis failed) tells the caller to wait before trying again. */
    @WithDefault("5s")
    Duration retryAfter();

    /** Most prizes one raffle holds. */
    @WithDefault("50")
    @Min(1)
    int maxPrizes();

    /** Winners one export page holds when the caller names no limit. */
    @WithDefault("1000")
    @Min(1)
    int winnersPage();

    /**
     * Most winners one export page may hold: a Lambda answer is at most 6 MB, and a row is at most about 250
     * bytes (a 128-character user id, a 120-character prize name). The plain runner streams any page in bounded
     * memory; this bound is the gateway's.
     */
    @WithDefault("20000")
    @Min(1)
    int maxWinnersPage();

    /** Rows the export reads from MySQL at a time while it streams: its memory does not grow with the page. */
    @WithDefault("500")
    @Min(1)
    @Max(10000)
    int winnersFetchSize();

    /** A user's prizes one answer holds when the caller names no limit. */
    @WithDefault("20")
    @Min(1)
    int myPrizesPage();

    /** Most of a user's prizes one answer holds: a phone shows a few at a time. */
    @WithDefault("100")
    @Min(1)
    int maxMyPrizesPage();

    /** Most raffles one scheduled reconciliation compares; the next run goes on where it stopped. */
    @WithDefault("100")
    @Min(1)
    int reconcileMaxRaffles();

    /** How long one scheduled reconciliation may run: well inside the admin function's 30 s Lambda timeout. */
    @WithDefault("20s")
    Duration reconcileTimeBudget();

    /** The relay of winner events to the fulfilment queue (docs/events.md). */
    Events events();

    /** Where the relay publishes and how much one run does. */
    interface Events {

        /** The SQS queue's URL; unset, the relay publishes nothing and its runs say so. */
        Optional<String> queueUrl();

        /** The queue's region; unset, the SDK's default chain decides (the Lambda's own region in AWS). */
        Optional<String> region();

        /** Another SQS endpoint than AWS's (the local SQS-compatible server). */
        Optional<URI> endpoint();

        /** Fixed credentials (the local server's); unset, the SDK's default chain (the Lambda's role). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Events read from MySQL at a time, sent as SQS batches of ten, then marked published together. */
        @WithDefault("100")
        @Min(10)
        int batch();

        /** Most events one run publishes; what is left waits for the next run. */
        @WithDefault("5000")
        @Min(1)
        int maxPerRun();

        /**
         * How long one run may go on publishing: well inside the admin function's 30 s Lambda timeout, with room
         * for the batch in flight when it runs out.
         */
        @WithDefault("20s")
        Duration timeBudget();

        /** How often the plain runner relays by itself; in AWS an EventBridge schedule calls the job route. */
        @WithDefault("10s")
        Duration relayEvery();

        /** The SQS client's connect and read budgets: a queue that does not answer ends the run, not the Lambda. */
        @WithDefault("2s")
        Duration connectTimeout();

        @WithDefault("5s")
        Duration readTimeout();
    }
}
