package dev.surge.draw.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.draw.client.DrawCommand;
import dev.surge.draw.client.DrawScripts;
import dev.surge.draw.client.DrawTicket;
import dev.surge.draw.client.PendingDraw;
import dev.surge.draw.client.Settlement;
import dev.surge.draw.config.DrawConfig;
import dev.surge.draw.repository.GrantLedger;
import dev.surge.draw.repository.GrantOutcome;
import dev.surge.draw.repository.GrantRequest;
import dev.surge.draw.repository.LedgerUncertain;
import dev.surge.draw.rest.DrawAnswer;
import dev.surge.draw.rest.DrawRequest;
import dev.surge.draw.rest.DrawResource;
import dev.surge.shared.capacity.EntryGuard;
import dev.surge.shared.capacity.EntryGuards;
import dev.surge.shared.capacity.EventLoopLag;
import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.logging.FailureLog;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.DrawSettings;
import dev.surge.shared.model.Prize;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.problem.ProblemException;
import dev.surge.shared.redis.DrawBuckets;
import dev.surge.shared.rules.CampaignVerdict;
import dev.surge.shared.rules.CompiledCampaign;
import dev.surge.shared.rules.EligibilityJudge;
import dev.surge.shared.rules.RuleBook;
import dev.surge.shared.rules.Subject;

/**
 * One draw, through layers that each let less traffic through: eligibility (in-process, no hop), the random
 * interception, the weighted pick, the local sold-out memory, one Redis script (replay, limits, stock), and
 * MySQL for winners only. Nothing is retried; a failure is answered "try later" with nothing taken, and an
 * answer never contradicts the ledger.
 */
@ApplicationScoped
public class DrawService {

    private static final Logger LOG = Logger.getLogger(DrawService.class);
    /** The draw script enforces participation limits atomically, so eligibility does not read them. */
    private static final Set<String> ENFORCED_BY_SCRIPT = Set.of(RuleBook.PARTICIPATION_LIMIT);

    private final CampaignCatalog catalog;
    private final EligibilityJudge judge;
    private final DrawScripts scripts;
    private final GrantLedger ledger;
    private final SoldOutMemory soldOut;
    private final DrawDecisions decisions;
    private final EventLoopLag load;
    private final DrawMetrics metrics;
    private final FailureLog failures;
    private final DrawConfig config;
    private final Clock clock;

    private final EntryGuard entry;

    public DrawService(CampaignCatalog catalog, EligibilityJudge judge, DrawScripts scripts, GrantLedger ledger,
            SoldOutMemory soldOut, DrawDecisions decisions, EventLoopLag load, DrawMetrics metrics, DrawConfig config,
            Clock clock, EntryGuards entries, FailureLog failures) {
        this.entry = entries.entry("dev.surge.draw.service.DrawService/draw");
        this.catalog = catalog;
        this.judge = judge;
        this.scripts = scripts;
        this.ledger = ledger;
        this.soldOut = soldOut;
        this.decisions = decisions;
        this.load = load;
        this.metrics = metrics;
        this.failures = failures;
        this.config = config;
        this.clock = clock;
    }

    public Uni<DrawAnswer> draw(Caller caller, long campaignId, String key, DrawRequest request) {
        return entry.call(() -> drawAdmitted(caller, campaignId, key, request),
                cause -> tryLater(caller, campaignId, key, request, cause));
    }

    /** The draw itself, inside the entry bulkhead. */
    private Uni<DrawAnswer> drawAdmitted(Caller caller, long campaignId, String key, DrawRequest request) {
        long started = System.nanoTime();
        return load.admit(() -> raffle(campaignId)
                .flatMap(campaign -> decide(campaign, caller, key, request, clock.instant(), Lifetimes.of(campaign
                        .campaign(), clock.instant(), config)))
                .invoke(answer -> metrics.answered(answer, System.nanoTime() - started)));
    }

    /**
     * How long a draw's Redis state is kept: its record (for replays) and the user's participation counters
     * (until well after the campaign ends).
     */
    record Lifetimes(long recordSeconds, long participationSeconds) {

        static Lifetimes of(Campaign campaign, Instant now, DrawConfig config) {
            return new Lifetimes(config.recordTtl().toSeconds(), Math.max(60,
                    Duration.between(now, campaign.endsAt()).plus(config.participationTtlAfterEnd()).toSeconds()));
        }
    }

    /** One draw in a campaign already looked up; start-up rehearses the hot path through here. */
    Uni<DrawAnswer> decide(CompiledCampaign campaign, Caller caller, String key, DrawRequest request, Instant now,
            Lifetimes lifetimes) {
        Subject subject = new Subject(caller, request.attributes(), now);
        // Checks that need no Redis decide first; then the interception, so the draws it turns away (most of
        // them) never reach Redis; then the checks that read lists, for the draws that go on.
        Optional<CampaignVerdict> refused = judge.refusedWithoutFacts(campaign, subject, ENFORCED_BY_SCRIPT);
        if (refused.isPresent()) {
            return ineligible(refused.get());
        }
        long campaignId = campaign.id();
        DrawSettings draw = campaign.campaign().draw();
        // The operator's brake: answered as interception would be, before anything is read or taken.
        if (campaign.campaign().degraded(Degrade.DRAWS_NOT_THIS_TIME)) {
            return answer(null, "not-this-time", null, "not this time", null, null);
        }
        if (decisions.intercepted(campaignId, caller.userId(), draw.interceptRatio(), now)) {
            return answer(null, "not-this-time", null, "not this time", null, null);
        }
        return judge.judge(campaign, subject, ENFORCED_BY_SCRIPT).flatMap(verdict -> {
            if (!verdict.eligible()) {
                return ineligible(verdict);
            }
            PrizePicker.Pick pick = PrizePicker.pick(draw,
                    bound -> decisions.pick(campaignId, caller.userId(), key, bound));
            if (pick.prize().isPresent() && soldOut.soldOutFor(campaignId, pick.prize().get().id(),
                    campaign.draws().of(caller.userId()), caller.userId())) {
                return answer(decisions.drawId(campaignId, caller.userId(), key), DrawTicket.SOLD_OUT,
                        pick.prize().get(), "sold out", null, null);
            }
            return take(campaign.campaign(), campaign.draws(), caller.userId(), key, pick, now, lifetimes);
        });
    }

    /** The final outcome of a caller's draw, from the ledger when Redis still calls it pending. */
    public Uni<DrawAnswer> result(Caller caller, long campaignId, String key) {
        return raffle(campaignId).flatMap(campaign -> scripts.record(campaign.draws(), caller.userId(), key)
                .flatMap(record -> {
                    Optional<Prize> prize = record.map(r -> r.get("prize")).flatMap(p -> prize(campaign.campaign(), p));
                    String drawId = record.map(r -> r.get("draw")).orElse(null);
                    String outcome = record.map(r -> r.get("outcome")).orElse(null);
                    if (outcome != null && !DrawTicket.PENDING.equals(outcome)) {
                        return answer(drawId, outcome, prize.orElse(null), null, null, null);
                    }
                    return ledger.find(campaignId, caller.userId(), key).flatMap(granted -> {
                        if (granted.isEmpty() && outcome == null) {
                            return Uni.createFrom().failure(ProblemException.notFound("no draw with that key"));
                        }
                        if (granted.isEmpty()) {
                            return answer(drawId, DrawTicket.PENDING, prize.orElse(null), null, null,
                                    DrawResource.resultPath(campaignId, key));
                        }
                        boolean won = granted.get() == GrantOutcome.GRANTED;
                        Uni<Boolean> settled = prize.isEmpty()
                                ? Uni.createFrom().item(false)
                                : scripts.settle(campaign.draws(),
                                        new PendingDraw(campaignId, prize.get().id(), key, caller.userId()),
                                        won ? Settlement.WON : Settlement.FAILED)
                                        .onFailure()
                                        .recoverWithItem(false);
                        return settled.flatMap(ignored -> answer(drawId, won ? DrawTicket.WON : DrawTicket.FAILED,
                                prize.orElse(null), null, null, null));
                    });
                }));
    }

    private static Uni<DrawAnswer> ineligible(CampaignVerdict verdict) {
        return answer(null, "ineligible", null, verdict.detail(), verdict.decidedBy(), null);
    }

    Uni<DrawAnswer> tryLater(Caller caller, long campaignId, String key, DrawRequest request, Throwable cause) {
        failures.fellBack(LOG, "draw", cause);
        metrics.fellBack(cause);
        return answer(null, DrawTicket.FAILED, null, null, null, null);
    }

    private Uni<DrawAnswer> take(Campaign campaign, DrawBuckets draws, String userId, String key,
            PrizePicker.Pick pick, Instant now, Lifetimes lifetimes) {
        String drawId = decisions.drawId(campaign.id(), userId, key);
        LocalDate day = LocalDate.ofInstant(now, campaign.zoneId());
        DrawCommand command = new DrawCommand(campaign.id(), userId, key, drawId, pick.prize().map(Prize::id),
                campaign.limit(), day, now, pick.value(), pick.totalWeight(), lifetimes.participationSeconds(),
                lifetimes.recordSeconds(), config.soldOutMemoryMaxClaimants(), campaign.rateLimits().draw(), draws);
        return scripts.draw(command).flatMap(ticket -> {
            Prize prize = ticket.prizeId().flatMap(id -> prize(campaign, Long.toString(id))).orElse(null);
            switch (ticket.outcome()) {
                case DrawTicket.THROTTLED :
                    return Uni.createFrom()
                            .failure(new ProblemException(429, "Too many draws",
                                    "the campaign is taking all the draws it can; try again shortly", List.of(),
                                    config.retryAfter()));
                case DrawTicket.RATE_LIMITED :
                    metrics.rateLimited();
                    return Uni.createFrom().failure(rateLimited(campaign.rateLimits().draw(), now));
                case DrawTicket.SOLD_OUT :
                    if (prize != null && ticket.claimants().isPresent()) {
                        soldOut.remember(campaign.id(), prize.id(), draws.of(userId), ticket.claimants().get());
                    }
                    return answer(ticket.drawId(), DrawTicket.SOLD_OUT, prize, "sold out", null, null);
                case DrawTicket.PENDING :
                    if (ticket.replayed()) {
                        return awaitFirst(campaign, draws, userId, key, ticket, prize);
                    }
                    return grant(campaign, draws, userId, key, pick, now, ticket, prize);
                default :
                    return answer(ticket.drawId(), ticket.outcome(), prize, null, null, null);
            }
        });
    }

    /**
     * The user is over the campaign's per-user rate limit: 429, and Retry-After says when the window frees. The
     * script recorded nothing, so a retry with the same key then is a fresh attempt.
     */
    private static ProblemException rateLimited(RateLimit limit, Instant now) {
        String words = limit == null ? "too many draws" : "at most " + limit.describe();
        Duration wait = limit == null ? Duration.ofSeconds(1) : limit.retryAfter(now.toEpochMilli());
        return ProblemException.tooManyRequests("Too many draws", "this campaign lets each user draw " + words
                + "; try again in " + wait.toSeconds() + " s", wait);
    }

    /**
     * A repeat of a draw still pending: the first request is granting it right now (or stalled doing so). Wait,
     * within the grant's own budget, for the first request to settle the record, so both are told the same; then
     * ask the ledger; "pending" only when MySQL has not decided yet either.
     */
    private Uni<DrawAnswer> awaitFirst(Campaign campaign, DrawBuckets draws, String userId, String key,
            DrawTicket ticket, Prize prize) {
        long deadline = System.nanoTime() + config.repeatPatience().toNanos();
        return settledRecord(draws, userId, key, deadline).flatMap(outcome -> {
            if (outcome.isPresent()) {
                return answer(ticket.drawId(), outcome.get(), DrawTicket.FAILED.equals(outcome.get()) ? null : prize,
                        null, null, null);
            }
            return ledger.find(campaign.id(), userId, key).flatMap(granted -> {
                if (granted.isEmpty()) {
                    return answer(ticket.drawId(), DrawTicket.PENDING, prize, null, null,
                            DrawResource.resultPath(campaign.id(), key));
                }
                boolean won = granted.get() == GrantOutcome.GRANTED;
                return settle(draws, new PendingDraw(campaign.id(), prize.id(), key, userId),
                        won ? Settlement.WON : Settlement.FAILED)
                        .flatMap(v -> answer(ticket.drawId(), won ? DrawTicket.WON : DrawTicket.FAILED,
                                won ? prize : null, null, null, null));
            });
        })
                .onFailure(failure -> !(failure instanceof ProblemException))
                .recoverWithUni(failure -> answer(ticket.drawId(), DrawTicket.PENDING, prize, null, null,
                        DrawResource.resultPath(campaign.id(), key)));
    }

    /** The record's outcome once it is no longer pending, polled until the deadline; empty if still pending. */
    private Uni<Optional<String>> settledRecord(DrawBuckets draws, String userId, String key, long deadline) {
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(config.repeatPollEvery())
                .flatMap(v -> scripts.record(draws, userId, key))
                .flatMap(record -> {
                    String outcome = record.map(r -> r.get("outcome")).orElse(DrawTicket.PENDING);
                    if (!DrawTicket.PENDING.equals(outcome)) {
                        return Uni.createFrom().item(Optional.of(outcome));
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        return Uni.createFrom().item(Optional.<String>empty());
                    }
                    return settledRecord(draws, userId, key, deadline);
                });
    }

    /** A winner in Redis: the ledger decides, and the answer follows the ledger. */
    private Uni<DrawAnswer> grant(Campaign campaign, DrawBuckets draws, String userId, String key,
            PrizePicker.Pick pick, Instant now, DrawTicket ticket, Prize prize) {
        PendingDraw pending = new PendingDraw(campaign.id(), prize.id(), key, userId);
        GrantRequest request = new GrantRequest(campaign.id(), userId, key, ticket.drawId(), prize.id(), pick.value(),
                pick.totalWeight(), now);
        return ledger.grant(request)
                .invoke(outcome -> metrics.mysqlWrite(outcome.name().toLowerCase()))
                .flatMap(outcome -> switch (outcome) {
                    case GRANTED -> settle(draws, pending, Settlement.WON)
                            .flatMap(v -> answer(ticket.drawId(), DrawTicket.WON, prize, "you won", null, null));
                    case OUT_OF_STOCK -> {
                        yield settle(draws, pending, Settlement.EXHAUSTED)
                                .flatMap(v -> answer(ticket.drawId(), DrawTicket.SOLD_OUT, prize, "sold out", null, null));
                    }
                    case VOID -> settle(draws, pending, Settlement.FAILED)
                            .flatMap(v -> answer(ticket.drawId(), DrawTicket.FAILED, null, null, null, null));
                })
                .onFailure(LedgerUncertain.class)
                .recoverWithUni(uncertain -> {
                    metrics.mysqlWrite("uncertain");
                    return answer(ticket.drawId(), DrawTicket.PENDING, prize, null, null,
                            DrawResource.resultPath(campaign.id(), key));
                })
                .onFailure(failure -> !(failure instanceof ProblemException))
                .recoverWithUni(noGrant -> {
                    metrics.mysqlWrite("failed");
                    failures.fellBack(LOG, "draw grant", noGrant);
                    return settle(draws, pending, Settlement.FAILED)
                            .flatMap(v -> answer(ticket.drawId(), DrawTicket.FAILED, null, null, null, null));
                });
    }

    /** Settles in Redis; if Redis fails now, the draw stays pending and the sweeper settles it from the ledger. */
    private Uni<Boolean> settle(DrawBuckets draws, PendingDraw draw, Settlement settlement) {
        return scripts.settle(draws, draw, settlement).onFailure().recoverWithItem(false);
    }

    private Uni<CompiledCampaign> raffle(long campaignId) {
        return catalog.only(List.of(campaignId)).map(found -> {
            if (found.isEmpty() || found.get(0).campaign().draw() == null) {
                throw ProblemException.notFound("no published raffle " + campaignId);
            }
            return found.get(0);
        });
    }

    private static Optional<Prize> prize(Campaign campaign, String id) {
        if (id == null || id.isEmpty() || campaign.draw() == null) {
            return Optional.empty();
        }
        return campaign.draw().prizes().stream().filter(p -> Long.toString(p.id()).equals(id)).findFirst();
    }

    private static Uni<DrawAnswer> answer(String drawId, String outcome, Prize prize, String message, String rule,
            String resultUrl) {
        boolean won = DrawTicket.WON.equals(outcome);
        String text = message != null ? message : MESSAGES.getOrDefault(outcome, outcome);
        String shown = DrawTicket.FAILED.equals(outcome) ? "try-later" : outcome;
        return Uni.createFrom()
                .item(new DrawAnswer(drawId, shown, won,
                        prize == null ? null : new DrawAnswer.PrizeView(prize.id(), prize.name()), text, rule, resultUrl));
    }

    private static final Map<String, String> MESSAGES = Map.of(
            DrawTicket.WON, "you won",
            DrawTicket.LOST, "no prize this time",
            DrawTicket.PENDING, "your draw is being confirmed; ask the result URL",
            DrawTicket.LIMITED, "you have used all your draws",
            DrawTicket.SOLD_OUT, "sold out",
            DrawTicket.FAILED, "no prize this time; please try again later");
}
