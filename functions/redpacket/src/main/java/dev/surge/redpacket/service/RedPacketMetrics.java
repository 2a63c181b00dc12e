package dev.surge.redpacket.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.surge.shared.metrics.SurgeMetrics;

/** Packets sent, grabs and shakes by outcome, MySQL records, refunds and latency; the names are below. */
@ApplicationScoped
public class RedPacketMetrics {

    /** Counter of packets sent, by {@code mode}. */
    public static final String SENT = "surge.redpacket.sent";
    /** Counter of cents put into packets. */
    public static final String SENT_CENTS = "surge.redpacket.sent.cents";
    /** Counter of grabs by {@code outcome}: grabbed, repeat (already grabbed), empty, expired, unknown, try-later. */
    public static final String GRABS = "surge.redpacket.grabs";
    /** Counter of cents taken by grabs (first grabs only, not repeats). */
    public static final String GRABBED_CENTS = "surge.redpacket.grabbed.cents";
    /** Counter of packets refunded (once each; a refund of 0 cents counts too). */
    public static final String REFUNDS = "surge.redpacket.refunds";
    /** Counter of cents refunded to senders. */
    public static final String REFUNDED_CENTS = "surge.redpacket.refunded.cents";
    /** Counter of shakes by {@code outcome} (won, none, limited, try-later) and {@code source} (local, redis). */
    public static final String SHAKES = "surge.redpacket.shakes";
    /** Counter of cents won in rains. */
    public static final String RAIN_CENTS = "surge.redpacket.rain.cents";
    /** Counter of MySQL records of grabs and wins, by {@code kind} (grab, win) and {@code result}. */
    public static final String RECORDS = "surge.redpacket.records";
    /**
     * Counter of what the settle job found Redis holding but MySQL not, past the settle window, by {@code kind}:
     * grab and win (written by the job) and left (still not written, for a later run). Each is a user answered
     * before MySQL had the record; a steady count means the hot path's writes are failing.
     */
    public static final String SETTLED = "surge.redpacket.settled";
    /** Timer of whole sends, grabs and shakes, by {@code operation}. */
    public static final String LATENCY = "surge.redpacket.latency";

    public static final String TAG_MODE = "mode";
    public static final String TAG_SOURCE = "source";
    public static final String TAG_KIND = "kind";
    public static final String TAG_RESULT = "result";
    public static final String TAG_OPERATION = "operation";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RedPacketMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(String mode, long cents) {
        counter(SENT, TAG_MODE, mode).increment();
        counter(SENT_CENTS).increment(cents);
    }

    void grab(String outcome, long cents, long nanos) {
        counter(GRABS, SurgeMetrics.TAG_OUTCOME, outcome).increment();
        if (cents > 0) {
            counter(GRABBED_CENTS).increment(cents);
        }
        latency("grab", nanos);
    }

    void shake(String outcome, String source, long cents, long nanos) {
        counter(SHAKES, SurgeMetrics.TAG_OUTCOME, outcome, TAG_SOURCE, source).increment();
        if (cents > 0) {
            counter(RAIN_CENTS).increment(cents);
        }
        latency("shake", nanos);
    }

    void refunded(long cents) {
        counter(REFUNDS).increment();
        counter(REFUNDED_CENTS).increment(cents);
    }

    void recorded(String kind, String result) {
        counter(RECORDS, TAG_KIND, kind, TAG_RESULT, result).increment();
    }

    void settled(int grabs, int wins, int left) {
        counter(SETTLED, TAG_KIND, "grab").increment(grabs);
        counter(SETTLED, TAG_KIND, "win").increment(wins);
        counter(SETTLED, TAG_KIND, "left").increment(left);
    }

    void fellBack(String operation, Throwable cause) {
        counter(SurgeMetrics.FALLBACKS, SurgeMetrics.TAG_FUNCTION, "redpacket-" + operation, SurgeMetrics.TAG_REASON,
                cause.getClass().getSimpleName()).increment();
    }

    void latency(String operation, long nanos) {
        timers.computeIfAbsent(operation, op -> Timer.builder(LATENCY)
                .description("Time to answer one send, grab or shake")
                .tag(TAG_OPERATION, op)
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry)).record(Duration.ofNanos(nanos));
    }

    /** Counters are looked up once per name and tags: the shake path counts every call. */
    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + "|" + String.join("|", tags), k -> registry.counter(name, tags));
    }
}
