package dev.surge.redpacket.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.client.RainBuckets;
import dev.surge.redpacket.client.RainPlan;
import dev.surge.redpacket.client.RainWin;
import dev.surge.redpacket.client.ShakeTicket;
import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.repository.RainLedger;
import dev.surge.redpacket.repository.RainRow;
import dev.surge.redpacket.rest.RainRequest;
import dev.surge.redpacket.rest.RainView;
import dev.surge.redpacket.rest.ShakeAnswer;
import dev.surge.shared.capacity.EventLoopLag;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.problem.Problem;
import dev.surge.shared.problem.ProblemException;

/**
 * The gala rain. At start every packet is made (from a stored seed) and dealt into K bucket lists; release is
 * a function of time, so no process has to run to release anything, and a packet is available the moment
 * its time comes. A shaker always lands in the same bucket (a stable hash of the user id), so no key is hot.
 * Most shakes never reach Redis: the plan is cached in-process, and a bucket seen empty stays answered "none"
 * here until its next release time.
 */
@ApplicationScoped
public class RainService {

    private static final Logger LOG = Logger.getLogger(RainService.class);
    /** Packets sent to Redis per script call while filling a bucket. */
    private static final int LOAD_CHUNK = 2000;
    /** How far in the past a start may lie (clock skew between the operator and the function). */
    private static final Duration PAST_START = Duration.ofMinutes(1);

    private final RainLedger ledger;
    private final RainBuckets buckets;
    private final RainPlans plans;
    private final DryBuckets dry;
    private final ShareRecorder recorder;
    private final RedPacketMetrics metrics;
    private final RedPacketConfig config;
    private final Clock clock;
    private final EventLoopLag load;

    public RainService(RainLedger ledger, RainBuckets buckets, RainPlans plans, DryBuckets dry, ShareRecorder recorder,
            RedPacketMetrics metrics, RedPacketConfig config, EventLoopLag load, Clock clock) {
        this.load = load;
        this.ledger = ledger;
        this.buckets = buckets;
        this.plans = plans;
        this.dry = dry;
        this.recorder = recorder;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a campaign's rain, once: a repeat with the same parameters finds the stored rain and fills any
     * bucket Redis lacks; different parameters are refused.
     */
    public Uni<RainView> start(long campaignId, RainRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant startsAt = request.startsAt() == null ? now : request.startsAt().truncatedTo(ChronoUnit.MILLIS);
        checked(campaignId, request, now, startsAt);
        long min = request.amountCents() != null ? request.amountCents() : request.minCents();
        long max = request.amountCents() != null ? request.amountCents() : request.maxCents();
        long seed = ThreadLocalRandom.current().nextLong();
        long total = 0;
        for (long amount : RainPackets.amounts(seed, request.totalPackets(), min, max)) {
            total += amount;
        }
        RainRow rain = new RainRow(campaignId, request.totalPackets(), min, max, total, request.ratePerSecond(),
                request.buckets(), request.perUserMax(), seed, startsAt, now);
        return ledger.create(rain)
                .onFailure(failure -> !(failure instanceof ProblemException))
                .transform(failure -> ProblemException.unavailable("the rain could not be saved; start it again",
                        config.retryAfter()))
                .flatMap(created -> created
                        ? Uni.createFrom().item(rain)
                        : ledger.find(campaignId).map(existing -> {
                            RainRow stored = existing.orElseThrow();
                            if (!stored.sameAs(rain) || (request.startsAt() != null && !stored.startsAt().equals(startsAt))) {
                                throw ProblemException.conflict("campaign " + campaignId + " already has a different rain");
                            }
                            return stored;
                        }))
                .flatMap(stored -> fill(stored).map(plan -> view(stored, plan, stored != rain)));
    }

    /** One shake: won, none, limited, or try-later when something failed (nothing is ever taken then). */
    @Bulkhead
    @Fallback(fallbackMethod = "shakeLater", skipOn = {ProblemException.class, BulkheadException.class})
    public Uni<ShakeAnswer> shake(Caller caller, long campaignId) {
        long started = System.nanoTime();
        if (caller.userId().length() > RedPacketService.MAX_USER_ID) {
            return Uni.createFrom().failure(RedPacketService.userIdTooLong());
        }
        return load.admit(() -> plans.plan(campaignId)).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.notFound("no rain in campaign " + campaignId));
            }
            return shakeIn(found.get(), caller.userId(), clock.millis());
        }).map(shaken -> {
            ShakeAnswer answer = shaken.answer();
            long cents = ShakeAnswer.WON.equals(answer.outcome()) ? answer.amountCents() : 0;
            metrics.shake(answer.outcome(), shaken.source(), cents, System.nanoTime() - started);
            return answer;
        });
    }

    /**
     * A shake's answer and where it came from: this instance's memory ("local") or the bucket ("redis").
     */
    record Shaken(ShakeAnswer answer, String source) {
    }

    /**
     * The shake itself in a known rain, uncounted, so the start-up rehearsal runs the same code without showing
     * in the metrics.
     */
    Uni<Shaken> shakeIn(RainPlan plan, String userId, long now) {
        long campaignId = plan.campaignId();
        if (now < plan.startMillis()) {
            return answer(ShakeAnswer.NONE, "local", "the rain has not started yet");
        }
        int bucket = plan.bucketOf(userId);
        if (dry.dry(campaignId, bucket, now)) {
            return answer(ShakeAnswer.NONE, "local", "nothing this time; keep shaking");
        }
        return buckets.shake(plan, bucket, userId, now).flatMap(ticket -> switch (ticket.outcome()) {
            case ShakeTicket.WON -> {
                RainWin win = ticket.win().orElseThrow();
                // The win stands even if MySQL cannot take it now: the settle job records it later.
                yield recorder.win(win)
                        .onFailure()
                        .invoke(failure -> LOG.debugf("rain win left unrecorded: %s", failure.toString()))
                        .onFailure()
                        .recoverWithNull()
                        .replaceWith(new Shaken(new ShakeAnswer(ShakeAnswer.WON, win.amountCents(), win.seq(),
                                "you caught a packet"), "redis"));
            }
            case ShakeTicket.NONE -> {
                dry.remember(campaignId, bucket, ticket.nextRelease());
                yield answer(ShakeAnswer.NONE, "redis", "nothing this time; keep shaking");
            }
            case ShakeTicket.LIMITED -> answer(ShakeAnswer.LIMITED, "redis", "you have won all the packets you may");
            default -> {
                dry.remember(campaignId, bucket, ShakeTicket.DRAINED);
                yield answer(ShakeAnswer.NONE, "redis", "the rain is over");
            }
        });
    }

    Uni<ShakeAnswer> shakeLater(Caller caller, long campaignId, Throwable cause) {
        LOG.debugf("shake fell back: %s", cause.toString());
        metrics.fellBack("shake", cause);
        metrics.shake(ShakeAnswer.TRY_LATER, "fallback", 0, 0);
        return Uni.createFrom()
                .item(new ShakeAnswer(ShakeAnswer.TRY_LATER, null, null, "nothing was taken; please shake again shortly"));
    }

    /** Fills every bucket (chunks already in are skipped), then publishes the plan so shakes find the rain. */
    private Uni<RainPlan> fill(RainRow rain) {
        RainPlan plan = new RainPlan(rain.campaignId(), rain.startsAt().toEpochMilli(), rain.ratePerSecond(),
                rain.buckets(), rain.perUserMax(), rain.totalPackets());
        long keepUntil = plan.releasedByMillis() + config.rain().keepAfterRelease().toMillis();
        long[] amounts = RainPackets.amounts(rain.seed(), rain.totalPackets(), rain.minCents(), rain.maxCents());
        List<int[]> chunks = new ArrayList<>();
        for (int bucket = 0; bucket < rain.buckets(); bucket++) {
            int size = RainPackets.bucketSize(rain.totalPackets(), rain.buckets(), bucket);
            for (int offset = 0; offset < size; offset += LOAD_CHUNK) {
                chunks.add(new int[]{bucket, size, offset});
            }
        }
        return Multi.createFrom()
                .iterable(chunks)
                .onItem()
                .transformToUniAndConcatenate(c -> buckets.load(rain.campaignId(), c[0], c[1], c[2],
                        RainPackets.chunk(amounts, rain.buckets(), c[0], c[2], LOAD_CHUNK), keepUntil))
                .collect()
                .last()
                .flatMap(v -> buckets.publish(plan, keepUntil))
                .onFailure()
                .transform(failure -> {
                    LOG.warnf("rain of campaign %d stored but not filled: %s", rain.campaignId(), failure.toString());
                    return ProblemException.unavailable(
                            "the rain is saved but its buckets are not all filled; start it again with the same body",
                            config.retryAfter());
                })
                .invoke(() -> plans.remember(plan))
                .replaceWith(plan);
    }

    private void checked(long campaignId, RainRequest request, Instant now, Instant startsAt) {
        RedPacketConfig.Rain limits = config.rain();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (campaignId < 1) {
            errors.add(new Problem.FieldError("campaignId", "must be positive"));
        }
        if (request.totalPackets() > limits.maxPackets()) {
            errors.add(new Problem.FieldError("totalPackets", "must be at most " + limits.maxPackets()));
        }
        boolean fixed = request.amountCents() != null;
        boolean range = request.minCents() != null || request.maxCents() != null;
        if (fixed == range) {
            errors.add(new Problem.FieldError("amountCents", "give either amountCents or both minCents and maxCents"));
        } else if (fixed && request.amountCents() > config.maxAmountCents()) {
            errors.add(new Problem.FieldError("amountCents", "must be at most " + config.maxAmountCents()));
        } else if (range && (request.minCents() == null || request.maxCents() == null
                || request.minCents() > request.maxCents() || request.maxCents() > config.maxAmountCents())) {
            errors.add(new Problem.FieldError("maxCents",
                    "minCents and maxCents must both be given, min ≤ max ≤ " + config.maxAmountCents()));
        }
        if (request.ratePerSecond() > limits.maxRatePerSecond()) {
            errors.add(new Problem.FieldError("ratePerSecond", "must be at most " + limits.maxRatePerSecond()));
        }
        if (request.buckets() > limits.maxBuckets() || request.buckets() > request.totalPackets()) {
            errors.add(new Problem.FieldError("buckets",
                    "must be at most " + limits.maxBuckets() + " and at most totalPackets"));
        }
        if (request.perUserMax() > limits.maxPerUser()) {
            errors.add(new Problem.FieldError("perUserMax", "must be at most " + limits.maxPerUser()));
        }
        if (startsAt.isBefore(now.minus(PAST_START)) || startsAt.isAfter(now.plus(limits.maxLeadTime()))) {
            errors.add(new Problem.FieldError("startsAt",
                    "must lie between now and " + limits.maxLeadTime().toDays() + " days ahead"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request", "the request breaks " + errors.size() + " constraint(s)",
                    errors, null);
        }
    }

    private static Uni<Shaken> answer(String outcome, String source, String message) {
        return Uni.createFrom().item(new Shaken(new ShakeAnswer(outcome, null, null, message), source));
    }

    private static RainView view(RainRow rain, RainPlan plan, boolean repeat) {
        return new RainView(rain.campaignId(), rain.totalPackets(), rain.totalCents(), rain.minCents(), rain.maxCents(),
                rain.ratePerSecond(), rain.buckets(), rain.perUserMax(), rain.startsAt(),
                Instant.ofEpochMilli(plan.releasedByMillis()), repeat);
    }
}
