package dev.surge.draw.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.draw.DrawCommand;
import dev.surge.draw.DrawOutcome;
import dev.surge.draw.DrawResult;
import dev.surge.draw.DrawTicket;
import dev.surge.draw.GrantOutcome;
import dev.surge.draw.GrantRequest;
import dev.surge.draw.LedgerUncertain;
import dev.surge.draw.PendingDraw;
import dev.surge.draw.Settlement;
import dev.surge.draw.TicketOutcome;
import dev.surge.draw.config.DrawConfig;
import dev.surge.draw.redis.DrawStore;
import dev.surge.draw.repository.GrantLedger;
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
import dev.surge.shared.model.Refusal;
import dev.surge.shared.model.RequestAttributes;
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
    private final DrawStore store;
    private final GrantLedger ledger;
    private final SoldOutMemory soldOut;
    private final DrawDecisions decisions;
    private final EventLoopLag load;
    private final DrawMetrics metrics;
    private final FailureLog failures;
    private final DrawConfig config;
    private final Clock clock;

    private final EntryGuard entry;

    public DrawService(CampaignCatalog catalog, EligibilityJudge judge, DrawStore store, GrantLedger ledger,
            SoldOutMemory soldOut, DrawDecisions decisions, EventLoopLag load, DrawMetrics metrics, DrawConfig config,
            Clock clock, EntryGuards entries, FailureLog failures) {
        this.entry = entries.entry("dev.surge.draw.service.DrawService/draw");
        this.catalog = catalog;
        this.judge = judge;
        this.store = store;
        this.ledger = ledger;
        this.soldOut = soldOut;
        this.decisions = decisions;
        this.load = load;
        this.metrics = metrics;
        this.failures = failures;
        this.config = config;
        this.clock = clock;
    }

    public Uni<DrawResult> draw(Caller caller, long campaignId, String key, RequestAttributes attributes) {
        return entry.call(() -> drawAdmitted(caller, campaignId, key, attributes),
                cause -> tryLater(caller, campaignId, key, attributes, cause));
    }

    /** The draw itself, inside the entry bulkhead. */
    private Uni<DrawResult> drawAdmitted(Caller caller, long campaignId, String key, RequestAttributes attributes) {
        long started = System.nanoTime();
        return load.admit(() -> raffle(campaignId)
                .flatMap(campaign -> decide(campaign, caller, key, attributes, clock.instant(), Lifetimes.of(campaign
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
    Uni<DrawResult> decide(CompiledCampaign campaign, Caller caller, String key, RequestAttributes attributes,
            Instant now, Lifetimes lifetimes) {
        Subject subject = new Subject(caller, attributes, now);
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
            return result(null, DrawOutcome.NOT_THIS_TIME, null);
        }
        if (decisions.intercepted(campaignId, caller.userId(), draw.interceptRatio(), now)) {
            return result(null, DrawOutcome.NOT_THIS_TIME, null);
        }
        return judge.judge(campaign, subject, ENFORCED_BY_SCRIPT).flatMap(verdict -> {
            if (!verdict.eligible()) {
                return ineligible(verdict);
            }
            PrizePicker.Pick pick = PrizePicker.pick(draw,
                    bound -> decisions.pick(campaignId, caller.userId(), key, bound));
            if (pick.prize().isPresent() && soldOut.soldOutFor(campaignId, pick.prize().get().id(),
                    campaign.draws().of(caller.userId()), caller.userId())) {
                return result(decisions.drawId(campaignId, caller.userId(), key), DrawOutcome.SOLD_OUT,
                        pick.prize().get());
            }
            return take(campaign.campaign(), campaign.draws(), caller.userId(), key, pick, now, lifetimes);
        });
    }

    /** The final outcome of a caller's draw, from the ledger when Redis still calls it pending. */
    public Uni<DrawResult> result(Caller caller, long campaignId, String key) {
        return raffle(campaignId).flatMap(campaign -> store.record(campaign.draws(), caller.userId(), key)
                .flatMap(record -> {
                    Optional<Prize> prize = record.map(r -> r.get("prize")).flatMap(p -> prize(campaign.campaign(), p));
                    String drawId = record.map(r -> r.get("draw")).orElse(null);
                    TicketOutcome outcome = record.map(r -> r.get("outcome")).map(TicketOutcome::of).orElse(null);
                    if (outcome != null && outcome != TicketOutcome.PENDING) {
                        return result(drawId, answered(outcome), prize.orElse(null));
                    }
                    return ledger.find(campaignId, caller.userId(), key).flatMap(granted -> {
                        if (granted.isEmpty() && outcome == null) {
                            return Uni.createFrom().failure(Refusal.notFound("no draw with that key"));
                        }
                        if (granted.isEmpty()) {
                            return result(drawId, DrawOutcome.PENDING, prize.orElse(null));
                        }
                        boolean won = granted.get() == GrantOutcome.GRANTED;
                        Uni<Boolean> settled = prize.isEmpty()
                                ? Uni.createFrom().item(false)
                                : store.settle(campaign.draws(),
                                        new PendingDraw(campaignId, prize.get().id(), key, caller.userId()),
                                        won ? Settlement.WON : Settlement.FAILED)
                                        .onFailure()
                                        .recoverWithItem(false);
                        return settled.flatMap(ignored -> result(drawId, won ? DrawOutcome.WON : DrawOutcome.TRY_LATER,
                                prize.orElse(null)));
                    });
                }));
    }

    private static Uni<DrawResult> ineligible(CampaignVerdict verdict) {
        return Uni.createFrom()
                .item(new DrawResult(null, DrawOutcome.INELIGIBLE, null, verdict.decidedBy(), verdict.detail()));
    }

    /**
     * The entry's fallback (a refusal meant for the caller never gets here: the entry passes it through): "try
     * later", with nothing taken.
     */
    Uni<DrawResult> tryLater(Caller caller, long campaignId, String key, RequestAttributes attributes,
            Throwable cause) {
        failures.fellBack(LOG, "draw", cause);
        metrics.fellBack(cause);
        return result(null, DrawOutcome.TRY_LATER, null);
    }

    private Uni<DrawResult> take(Campaign campaign, DrawBuckets draws, String userId, String key,
            PrizePicker.Pick pick, Instant now, Lifetimes lifetimes) {
        String drawId = decisions.drawId(campaign.id(), userId, key);
        LocalDate day = LocalDate.ofInstant(now, campaign.zoneId());
        DrawCommand command = new DrawCommand(campaign.id(), userId, key, drawId, pick.prize().map(Prize::id),
                campaign.limit(), day, now, pick.value(), pick.totalWeight(), lifetimes.participationSeconds(),
                lifetimes.recordSeconds(), config.soldOutMemoryMaxClaimants(), campaign.rateLimits().draw(), draws);
        return store.draw(command).flatMap(ticket -> {
            Prize prize = ticket.prizeId().flatMap(id -> prize(campaign, Long.toString(id))).orElse(null);
            return switch (ticket.outcome()) {
                case THROTTLED -> Uni.createFrom()
                        .failure(new Refusal(Refusal.Reason.OVER_LIMIT, "Too many draws",
                                "the campaign is taking all the draws it can; try again shortly", List.of(),
                                config.retryAfter()));
                case RATE_LIMITED -> {
                    metrics.rateLimited();
                    yield Uni.createFrom().failure(rateLimited(campaign.rateLimits().draw(), now));
                }
                case SOLD_OUT -> {
                    if (prize != null && ticket.claimants().isPresent()) {
                        soldOut.remember(campaign.id(), prize.id(), draws.of(userId), ticket.claimants().get());
                    }
                    yield result(ticket.drawId(), DrawOutcome.SOLD_OUT, prize);
                }
                case PENDING -> ticket.replayed()
                        ? awaitFirst(campaign, draws, userId, key, ticket, prize)
                        : grant(campaign, draws, userId, key, pick, now, ticket, prize);
                case WON, LOST, LIMITED, FAILED, BUCKET_EMPTY -> result(ticket.drawId(), answered(ticket.outcome()),
                        prize);
            };
        });
    }

    /**
     * The user is over the campaign's per-user rate limit: 429, and Retry-After says when the window frees. The
     * script recorded nothing, so a retry with the same key then is a fresh attempt.
     */
    private static Refusal rateLimited(RateLimit limit, Instant now) {
        String words = limit == null ? "too many draws" : "at most " + limit.describe();
        Duration wait = limit == null ? Duration.ofSeconds(1) : limit.retryAfter(now.toEpochMilli());
        return Refusal.overLimit("Too many draws", "this campaign lets each user draw " + words
                + "; try again in " + wait.toSeconds() + " s", wait);
    }

    /**
     * A repeat of a draw still pending: the first request is granting it right now (or stalled doing so). Wait,
     * within the grant's own budget, for the first request to settle the record, so both are told the same; then
     * ask the ledger; "pending" only when MySQL has not decided yet either.
     */
    private Uni<DrawResult> awaitFirst(Campaign campaign, DrawBuckets draws, String userId, String key,
            DrawTicket ticket, Prize prize) {
        long deadline = System.nanoTime() + config.repeatPatience().toNanos();
        return settledRecord(draws, userId, key, deadline).flatMap(outcome -> {
            if (outcome.isPresent()) {
                return result(ticket.drawId(), answered(outcome.get()),
                        outcome.get() == TicketOutcome.FAILED ? null : prize);
            }
            return ledger.find(campaign.id(), userId, key).flatMap(granted -> {
                if (granted.isEmpty()) {
                    return result(ticket.drawId(), DrawOutcome.PENDING, prize);
                }
                boolean won = granted.get() == GrantOutcome.GRANTED;
                return settle(draws, new PendingDraw(campaign.id(), prize.id(), key, userId),
                        won ? Settlement.WON : Settlement.FAILED)
                        .flatMap(v -> result(ticket.drawId(), won ? DrawOutcome.WON : DrawOutcome.TRY_LATER,
                                won ? prize : null));
            });
        })
                .onFailure(failure -> !(failure instanceof Refusal))
                .recoverWithUni(failure -> result(ticket.drawId(), DrawOutcome.PENDING, prize));
    }

    /** The record's outcome once it is no longer pending, polled until the deadline; empty if still pending. */
    private Uni<Optional<TicketOutcome>> settledRecord(DrawBuckets draws, String userId, String key, long deadline) {
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(config.repeatPollEvery())
                .flatMap(v -> store.record(draws, userId, key))
                .flatMap(record -> {
                    TicketOutcome outcome = record.map(r -> r.get("outcome"))
                            .map(TicketOutcome::of)
                            .orElse(TicketOutcome.PENDING);
                    if (outcome != TicketOutcome.PENDING) {
                        return Uni.createFrom().item(Optional.of(outcome));
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        return Uni.createFrom().item(Optional.<TicketOutcome>empty());
                    }
                    return settledRecord(draws, userId, key, deadline);
                });
    }

    /** A winner in Redis: the ledger decides, and the answer follows the ledger. */
    private Uni<DrawResult> grant(Campaign campaign, DrawBuckets draws, String userId, String key,
            PrizePicker.Pick pick, Instant now, DrawTicket ticket, Prize prize) {
        PendingDraw pending = new PendingDraw(campaign.id(), prize.id(), key, userId);
        GrantRequest request = new GrantRequest(campaign.id(), userId, key, ticket.drawId(), prize.id(), pick.value(),
                pick.totalWeight(), now);
        return ledger.grant(request)
                .invoke(outcome -> metrics.mysqlWrite(outcome.name().toLowerCase()))
                .flatMap(outcome -> switch (outcome) {
                    case GRANTED -> settle(draws, pending, Settlement.WON)
                            .flatMap(v -> result(ticket.drawId(), DrawOutcome.WON, prize));
                    case OUT_OF_STOCK -> settle(draws, pending, Settlement.EXHAUSTED)
                            .flatMap(v -> result(ticket.drawId(), DrawOutcome.SOLD_OUT, prize));
                    case VOID -> settle(draws, pending, Settlement.FAILED)
                            .flatMap(v -> result(ticket.drawId(), DrawOutcome.TRY_LATER, null));
                })
                .onFailure(LedgerUncertain.class)
                .recoverWithUni(uncertain -> {
                    metrics.mysqlWrite("uncertain");
                    return result(ticket.drawId(), DrawOutcome.PENDING, prize);
                })
                .onFailure(failure -> !(failure instanceof Refusal))
                .recoverWithUni(noGrant -> {
                    metrics.mysqlWrite("failed");
                    failures.fellBack(LOG, "draw grant", noGrant);
                    return settle(draws, pending, Settlement.FAILED)
                            .flatMap(v -> result(ticket.drawId(), DrawOutcome.TRY_LATER, null));
                });
    }

    /** Settles in Redis; if Redis fails now, the draw stays pending and the sweeper settles it from the ledger. */
    private Uni<Boolean> settle(DrawBuckets draws, PendingDraw draw, Settlement settlement) {
        return store.settle(draws, draw, settlement).onFailure().recoverWithItem(false);
    }

    private Uni<CompiledCampaign> raffle(long campaignId) {
        return catalog.only(List.of(campaignId)).map(found -> {
            if (found.isEmpty() || found.get(0).campaign().draw() == null) {
                throw Refusal.notFound("no published raffle " + campaignId);
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

    private static Uni<DrawResult> result(String drawId, DrawOutcome outcome, Prize prize) {
        return Uni.createFrom().item(new DrawResult(drawId, outcome, prize));
    }

    /**
     * What the caller is told of a draw whose record or reply says {@code outcome}: a failed draw is "try later";
     * the outcomes never recorded (refused by a rate, a bucket run dry) never reach here and would be the same.
     */
    static DrawOutcome answered(TicketOutcome outcome) {
        return switch (outcome) {
            case PENDING -> DrawOutcome.PENDING;
            case WON -> DrawOutcome.WON;
            case LOST -> DrawOutcome.LOST;
            case SOLD_OUT -> DrawOutcome.SOLD_OUT;
            case LIMITED -> DrawOutcome.LIMITED;
            case FAILED, THROTTLED, RATE_LIMITED, BUCKET_EMPTY -> DrawOutcome.TRY_LATER;
        };
    }
}
