package dev.surge.redpacket.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.RainPlan;
import dev.surge.redpacket.RainSchedule;
import dev.surge.redpacket.RainStarted;
import dev.surge.redpacket.RainState;
import dev.surge.redpacket.RainWin;
import dev.surge.redpacket.ShakeOutcome;
import dev.surge.redpacket.ShakeResult;
import dev.surge.redpacket.ShakeTicket;
import dev.surge.redpacket.ShakeTicketOutcome;
import dev.surge.redpacket.StartRain;
import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.redis.RainStore;
import dev.surge.redpacket.repository.RainLedger;
import dev.surge.redpacket.repository.RainRow;
import dev.surge.shared.capacity.EntryGuard;
import dev.surge.shared.capacity.EntryGuards;
import dev.surge.shared.capacity.EventLoopLag;
import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.catalog.PublishedCampaigns;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.logging.FailureLog;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.rules.CampaignVerdict;
import dev.surge.shared.rules.CompiledCampaign;
import dev.surge.shared.rules.EligibilityJudge;
import dev.surge.shared.rules.RuleBook;
import dev.surge.shared.rules.Subject;

/**
 * The gala rain. At start every packet is made (from a stored seed) and dealt into K bucket lists; release is
 * a function of time, so no process has to run to release anything, and a packet is available the moment
 * its time comes. A shaker always lands in the same bucket (a stable hash of the user id), so no key is hot.
 * A shake obeys its campaign as the in-process catalog has it (online, within its window, its rules) and the
 * rain's schedule as operators steer it (see {@link RainControl}). Most shakes never reach Redis: campaign and
 * plan are cached in-process, and a bucket seen empty stays answered "none" here until its next release time.
 */
@ApplicationScoped
public class RainService {

    private static final Logger LOG = Logger.getLogger(RainService.class);
    /** Packets sent to Redis per script call while filling a bucket. */
    private static final int LOAD_CHUNK = 2000;
    /** How far in the past a start may lie (clock skew between the operator and the function). */
    private static final Duration PAST_START = Duration.ofMinutes(1);
    /**
     * The shake script caps each user's wins in the rain atomically (perUserMax); the campaign's participation
     * counters count draws, so a shake neither reads nor moves them.
     */
    static final Set<String> ENFORCED_BY_SCRIPT = Set.of(RuleBook.PARTICIPATION_LIMIT);
    /** Checks that refuse everyone alike: the campaign is not running, rather than this user not admitted. */
    private static final Set<String> CAMPAIGN_CLOSED = Set.of(RuleBook.STATUS, RuleBook.CAMPAIGN_WINDOW);
    private static final String PAUSED_MESSAGE = "the rain is paused; shake again when it resumes";

    private final RainLedger ledger;
    private final RainStore buckets;
    private final RainPlans plans;
    private final DryBuckets dry;
    private final ShareRecorder recorder;
    private final RedPacketMetrics metrics;
    private final FailureLog failures;
    private final RedPacketConfig config;
    private final Clock clock;
    private final EventLoopLag load;
    private final CampaignCatalog catalog;
    private final PublishedCampaigns published;
    private final EligibilityJudge judge;

    private final EntryGuard entry;

    public RainService(RainLedger ledger, RainStore buckets, RainPlans plans, DryBuckets dry, ShareRecorder recorder,
            RedPacketMetrics metrics, RedPacketConfig config, EventLoopLag load, Clock clock, CampaignCatalog catalog,
            PublishedCampaigns published, EligibilityJudge judge, EntryGuards entries, FailureLog failures) {
        this.entry = entries.entry("dev.surge.redpacket.service.RainService/shake");
        this.load = load;
        this.catalog = catalog;
        this.published = published;
        this.judge = judge;
        this.ledger = ledger;
        this.buckets = buckets;
        this.plans = plans;
        this.dry = dry;
        this.recorder = recorder;
        this.metrics = metrics;
        this.failures = failures;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a campaign's rain, once: a repeat with the same parameters finds the stored rain and fills any
     * bucket Redis lacks; different parameters are refused. The campaign must be published and not over (404,
     * 409); one not online yet, or paused, may get its rain ready, and its shakes wait for it to go online.
     */
    public Uni<RainStarted> start(long campaignId, StartRain request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant startsAt = request.startsAt() == null ? now : request.startsAt().truncatedTo(ChronoUnit.MILLIS);
        checked(campaignId, request, now, startsAt);
        return startable(campaignId, now).flatMap(campaign -> create(campaignId, request, now, startsAt));
    }

    /**
     * The campaign as published now, read from Redis rather than the catalog: an operator who has just published
     * it must not be told it is unknown.
     */
    private Uni<Campaign> startable(long campaignId, Instant now) {
        return published.snapshot(campaignId)
                .onFailure()
                .transform(failure -> Refusal.unavailable("the campaign could not be read; start the rain again",
                        config.retryAfter()))
                .map(found -> {
                    Campaign campaign = found.orElseThrow(() -> Refusal
                            .notFound("campaign " + campaignId + " is not published; publish it before its rain"));
                    if (campaign.status() == CampaignStatus.ENDED || !now.isBefore(campaign.endsAt())) {
                        throw Refusal.conflict("campaign " + campaignId + " has ended; it takes no rain");
                    }
                    return campaign;
                });
    }

    private Uni<RainStarted> create(long campaignId, StartRain request, Instant now, Instant startsAt) {
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
                .onFailure(failure -> !(failure instanceof Refusal))
                .transform(failure -> Refusal.unavailable("the rain could not be saved; start it again",
                        config.retryAfter()))
                .flatMap(created -> created
                        ? Uni.createFrom().item(rain)
                        : ledger.find(campaignId).map(existing -> {
                            RainRow stored = existing.orElseThrow();
                            if (!stored.sameAs(rain) || (request.startsAt() != null && !stored.startsAt().equals(startsAt))) {
                                throw Refusal.conflict("campaign " + campaignId + " already has a different rain");
                            }
                            return stored;
                        }))
                .flatMap(stored -> fill(stored).map(plan -> view(stored, plan, stored != rain)));
    }

    /**
     * One shake: won, none, limited, paused, closed or ineligible (the campaign refuses it), or try-later when
     * something failed (nothing is ever taken then); a 429 problem when the user is over the campaign's per-user
     * rate limit on shakes.
     */
    public Uni<ShakeResult> shake(Caller caller, long campaignId) {
        return entry.call(() -> shakeAdmitted(caller, campaignId), cause -> shakeLater(caller, campaignId, cause));
    }

    /** The shake itself, inside the entry bulkhead. */
    private Uni<ShakeResult> shakeAdmitted(Caller caller, long campaignId) {
        long started = System.nanoTime();
        if (caller.userId().length() > RedPacketService.MAX_USER_ID) {
            return Uni.createFrom().failure(RedPacketService.userIdTooLong());
        }
        return load.admit(() -> catalog.only(List.of(campaignId)).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(Refusal.notFound("no published campaign " + campaignId));
            }
            return shakeIn(found.get(0), caller, clock.millis());
        })).map(shaken -> {
            ShakeResult answer = shaken.answer();
            long cents = answer.outcome() == ShakeOutcome.WON ? answer.amountCents() : 0;
            metrics.shake(answer.outcome().value(), shaken.source(), cents, System.nanoTime() - started);
            return answer;
        }).onFailure(Refusal.class).invoke(refused -> {
            if (((Refusal) refused).reason() == Refusal.Reason.OVER_LIMIT) {
                metrics.shake(ShakeTicketOutcome.RATE_LIMITED.value(), "redis", 0, System.nanoTime() - started);
            }
        });
    }

    /**
     * A shake in a published campaign. Checks that need no Redis come first (status, window, tags...), so a paused
     * or ended campaign costs no round trip; the list rules (block-list...) are read only for shakes that would
     * reach the shake script.
     */
    private Uni<Shaken> shakeIn(CompiledCampaign campaign, Caller caller, long now) {
        Subject subject = new Subject(caller, RequestAttributes.NONE, Instant.ofEpochMilli(now));
        Optional<CampaignVerdict> refused = judge.refusedWithoutFacts(campaign, subject, ENFORCED_BY_SCRIPT);
        if (refused.isPresent()) {
            return refusal(refused.get(), "local");
        }
        // The operator's brake: every shake finds nothing, and the rain's packets stay where they are.
        if (campaign.campaign().degraded(Degrade.SHAKES_NONE)) {
            return answer(ShakeOutcome.NONE, "local", "nothing this time; keep shaking");
        }
        return plans.plan(campaign.id()).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(Refusal.notFound("no rain in campaign " + campaign.id()));
            }
            return shakeIn(found.get(), caller.userId(), now, campaign.campaign().rateLimits().shake(),
                    () -> judge.judge(campaign, subject, ENFORCED_BY_SCRIPT)
                            .map(verdict -> verdict.eligible() ? Optional.empty() : Optional.of(verdict)));
        });
    }

    /**
     * A shake's answer and where it came from: this instance's memory ("local") or Redis ("redis").
     */
    record Shaken(ShakeResult answer, String source) {
    }

    /**
     * The shake itself in a known rain, uncounted, so the start-up rehearsal runs the same code without showing
     * in the metrics.
     *
     * @param rateLimit the campaign's per-user rate limit on shakes (null for none), counted in the shake script
     * @param listRules the campaign's refusal after reading its lists, asked only when the shake goes to Redis
     */
    Uni<Shaken> shakeIn(RainPlan plan, String userId, long now, RateLimit rateLimit,
            Supplier<Uni<Optional<CampaignVerdict>>> listRules) {
        long campaignId = plan.campaignId();
        RainSchedule schedule = plan.schedule();
        if (schedule.state() == RainState.STOPPED) {
            return answer(ShakeOutcome.NONE, "local", "the rain is over");
        }
        if (now < plan.startMillis()) {
            return answer(ShakeOutcome.NONE, "local", "the rain has not started yet");
        }
        if (schedule.state() == RainState.PAUSED) {
            return answer(ShakeOutcome.PAUSED, "local", PAUSED_MESSAGE);
        }
        int bucket = plan.bucketOf(userId);
        if (dry.dry(campaignId, bucket, now, schedule.version())) {
            return answer(ShakeOutcome.NONE, "local", "nothing this time; keep shaking");
        }
        return listRules.get()
                .flatMap(refused -> refused.isPresent()
                        ? refusal(refused.get(), "redis")
                        : shakeBucket(plan, bucket, userId, now, rateLimit));
    }

    private Uni<Shaken> shakeBucket(RainPlan plan, int bucket, String userId, long now, RateLimit rateLimit) {
        long campaignId = plan.campaignId();
        return buckets.shake(plan, bucket, userId, now, rateLimit).flatMap(ticket -> switch (ticket.outcome()) {
            case WON -> {
                RainWin win = ticket.win().orElseThrow();
                // The win stands even if MySQL cannot take it now: the settle job records it later.
                yield recorder.win(plan, win)
                        .onFailure()
                        .invoke(failure -> LOG.debugf("rain win left unrecorded: %s", failure.toString()))
                        .onFailure()
                        .recoverWithNull()
                        .replaceWith(new Shaken(new ShakeResult(ShakeOutcome.WON, win.amountCents(), win.seq(),
                                "you caught a packet", null), "redis"));
            }
            case NONE -> {
                dry.remember(campaignId, bucket, ticket.nextRelease(), ticket.version());
                yield answer(ShakeOutcome.NONE, "redis", "nothing this time; keep shaking");
            }
            case LIMITED -> answer(ShakeOutcome.LIMITED, "redis", "you have won all the packets you may");
            case RATE_LIMITED -> Uni.createFrom().failure(rateLimited(rateLimit, now));
            case PAUSED -> answer(ShakeOutcome.PAUSED, "redis", PAUSED_MESSAGE);
            case STOPPED, UNKNOWN -> {
                // Stopped, or no such bucket: nothing will come from it again.
                dry.remember(campaignId, bucket, ShakeTicket.DRAINED, ticket.version());
                yield answer(ShakeOutcome.NONE, "redis", "the rain is over");
            }
        });
    }

    /**
     * The user is over the campaign's per-user rate limit on shakes: 429, and Retry-After says when the window frees.
     * Nothing was counted or taken.
     */
    private static Refusal rateLimited(RateLimit limit, long now) {
        String words = limit == null ? "too many shakes" : "at most " + limit.describe();
        Duration wait = limit == null ? Duration.ofSeconds(1) : limit.retryAfter(now);
        return Refusal.overLimit("Too many shakes", "this campaign lets each user shake " + words
                + "; shake again in " + wait.toSeconds() + " s", wait);
    }

    /** The campaign refuses the shake: closed (it is not running) or ineligible (this user), naming the check. */
    private static Uni<Shaken> refusal(CampaignVerdict verdict, String source) {
        ShakeOutcome outcome = CAMPAIGN_CLOSED.contains(verdict.decidedBy())
                ? ShakeOutcome.CLOSED
                : ShakeOutcome.INELIGIBLE;
        return Uni.createFrom()
                .item(new Shaken(new ShakeResult(outcome, null, null, verdict.detail(), verdict.decidedBy()), source));
    }

    Uni<ShakeResult> shakeLater(Caller caller, long campaignId, Throwable cause) {
        failures.fellBack(LOG, "shake", cause);
        metrics.fellBack("shake", cause);
        metrics.shake(ShakeOutcome.TRY_LATER.value(), "fallback", 0, 0);
        return Uni.createFrom()
                .item(new ShakeResult(ShakeOutcome.TRY_LATER, null, null, "nothing was taken; please shake again shortly",
                        null));
    }

    /**
     * Fills every bucket (chunks already in are skipped), then publishes the plan so shakes find the rain. A repeated
     * start finds the plan as operators steered it, and answers with that.
     */
    private Uni<RainPlan> fill(RainRow rain) {
        // A repeated start names the buckets as the first start did (a rain started before their tags were
        // spread keeps its plain ones).
        return buckets.plan(rain.campaignId())
                .flatMap(existing -> fill(rain, RainPlan.of(rain.campaignId(), rain.startsAt().toEpochMilli(),
                        rain.ratePerSecond(), rain.buckets(), rain.perUserMax(), rain.totalPackets())
                        .spread(existing.map(RainPlan::spread).orElse(true))));
    }

    private Uni<RainPlan> fill(RainRow rain, RainPlan plan) {
        long keepUntil = plan.releasedByMillis(clock.millis()) + config.rain().keepAfterRelease().toMillis();
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
                .transformToUniAndConcatenate(c -> buckets.load(plan, c[0], c[1], c[2],
                        RainPackets.chunk(amounts, rain.buckets(), c[0], c[2], LOAD_CHUNK), keepUntil))
                .collect()
                .last()
                .flatMap(v -> buckets.publish(plan, keepUntil))
                .flatMap(v -> buckets.plan(rain.campaignId()))
                .map(published -> published.orElse(plan))
                .onFailure()
                .transform(failure -> {
                    LOG.warnf("rain of campaign %d stored but not filled: %s", rain.campaignId(), failure.toString());
                    return Refusal.unavailable(
                            "the rain is saved but its buckets are not all filled; start it again with the same body",
                            config.retryAfter());
                })
                .invoke(plans::remember);
    }

    private void checked(long campaignId, StartRain request, Instant now, Instant startsAt) {
        RedPacketConfig.Rain limits = config.rain();
        List<Refusal.FieldError> errors = new ArrayList<>();
        if (campaignId < 1) {
            errors.add(new Refusal.FieldError("campaignId", "must be positive"));
        }
        if (request.totalPackets() > limits.maxPackets()) {
            errors.add(new Refusal.FieldError("totalPackets", "must be at most " + limits.maxPackets()));
        }
        boolean fixed = request.amountCents() != null;
        boolean range = request.minCents() != null || request.maxCents() != null;
        if (fixed == range) {
            errors.add(new Refusal.FieldError("amountCents", "give either amountCents or both minCents and maxCents"));
        } else if (fixed && request.amountCents() > config.maxAmountCents()) {
            errors.add(new Refusal.FieldError("amountCents", "must be at most " + config.maxAmountCents()));
        } else if (range && (request.minCents() == null || request.maxCents() == null
                || request.minCents() > request.maxCents() || request.maxCents() > config.maxAmountCents())) {
            errors.add(new Refusal.FieldError("maxCents",
                    "minCents and maxCents must both be given, min ≤ max ≤ " + config.maxAmountCents()));
        }
        if (request.ratePerSecond() > limits.maxRatePerSecond()) {
            errors.add(new Refusal.FieldError("ratePerSecond", "must be at most " + limits.maxRatePerSecond()));
        }
        if (request.buckets() > limits.maxBuckets() || request.buckets() > request.totalPackets()) {
            errors.add(new Refusal.FieldError("buckets",
                    "must be at most " + limits.maxBuckets() + " and at most totalPackets"));
        }
        if (request.perUserMax() > limits.maxPerUser()) {
            errors.add(new Refusal.FieldError("perUserMax", "must be at most " + limits.maxPerUser()));
        }
        if (startsAt.isBefore(now.minus(PAST_START)) || startsAt.isAfter(now.plus(limits.maxLeadTime()))) {
            errors.add(new Refusal.FieldError("startsAt",
                    "must lie between now and " + limits.maxLeadTime().toDays() + " days ahead"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid("the request breaks " + errors.size() + " constraint(s)", errors);
        }
    }

    private static Uni<Shaken> answer(ShakeOutcome outcome, String source, String message) {
        return Uni.createFrom().item(new Shaken(new ShakeResult(outcome, null, null, message, null), source));
    }

    private RainStarted view(RainRow rain, RainPlan plan, boolean repeat) {
        return new RainStarted(rain.campaignId(), rain.totalPackets(), rain.totalCents(), rain.minCents(), rain.maxCents(),
                plan.schedule().ratePerSecond(), rain.buckets(), rain.perUserMax(), rain.startsAt(),
                Instant.ofEpochMilli(plan.releasedByMillis(clock.millis())), repeat);
    }
}
