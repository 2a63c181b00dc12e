package dev.surge.qr.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.Allocation;
import dev.surge.qr.AllocationLimits;
import dev.surge.qr.Binding;
import dev.surge.qr.Claim;
import dev.surge.qr.ClaimState;
import dev.surge.qr.CodeSource;
import dev.surge.qr.PendingBinding;
import dev.surge.qr.PooledCode;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.redis.PoolStore;
import dev.surge.qr.repository.BoundCode;
import dev.surge.qr.repository.CodeLedger;
import dev.surge.qr.repository.Recording;
import dev.surge.shared.capacity.EntryGuard;
import dev.surge.shared.capacity.EntryGuards;
import dev.surge.shared.capacity.EventLoopLag;
import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.logging.FailureLog;
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
 * Allocation: one code per request, never one code to two requests.
 *
 * <ol>
 * <li>One Redis script gives the request a code (the one it already holds, else the oldest of the pool) and
 * keeps the binding as unrecorded: from here nothing is lost if the instance dies, because the settler replays
 * unrecorded bindings into MySQL. The same script refuses (over the limit) a user over the pool's daily cap or the
 * per-user rate limit of the campaign the pool serves, before any code is taken.</li>
 * <li>An empty pool: a code is made on the spot if the fleet's upstream limit allows, else "unavailable".</li>
 * <li>The binding is cached for scans, then recorded in MySQL, guarded by "still pooled": MySQL has the last
 * word on who holds a code. If it does not answer, the caller still gets the code; the settler records it.</li>
 * </ol>
 */
@ApplicationScoped
public class CodePool {

    /** Participation limits count draws; an allocation is bounded by its own caps instead. */
    private static final Set<String> NOT_ASKED = Set.of(RuleBook.PARTICIPATION_LIMIT);
    private static final Set<String> CAMPAIGN_CLOSED = Set.of(RuleBook.STATUS, RuleBook.CAMPAIGN_WINDOW);

    private static final Logger LOG = Logger.getLogger(CodePool.class);

    private final PoolStore store;
    private final CodeLedger ledger;
    private final CodeMint mint;
    private final BindingRules rules;
    private final QrMetrics metrics;
    private final FailureLog failures;
    private final QrConfig config;
    private final Clock clock;
    private final CampaignCatalog catalog;

    private final EventLoopLag load;
    private final EligibilityJudge judge;

    private final EntryGuard entry;

    public CodePool(PoolStore store, CodeLedger ledger, CodeMint mint, BindingRules rules, QrMetrics metrics,
            QrConfig config, Clock clock, EventLoopLag load, CampaignCatalog catalog, EligibilityJudge judge,
            EntryGuards entries, FailureLog failures) {
        this.judge = judge;
        this.entry = entries.entry("dev.surge.qr.service.CodePool/allocate");
        this.load = load;
        this.catalog = catalog;
        this.store = store;
        this.ledger = ledger;
        this.mint = mint;
        this.rules = rules;
        this.metrics = metrics;
        this.failures = failures;
        this.config = config;
        this.clock = clock;
    }

    /** Binds a code to what the caller asks for; {@code binding} has passed {@link BindingRules#check}. */
    public Uni<Allocation> allocate(Caller caller, String idempotencyKey, Binding binding) {
        return entry.call(() -> allocateAdmitted(caller, idempotencyKey, binding),
                cause -> tryLater(caller, idempotencyKey, binding, cause));
    }

    /** The allocate itself, inside the entry bulkhead. */
    private Uni<Allocation> allocateAdmitted(Caller caller, String idempotencyKey, Binding binding) {
        long started = System.nanoTime();
        String pool = rules.poolOf(binding.businessType());
        QrConfig.Pool spec = rules.pool(pool);
        long now = clock.millis();
        PendingBinding pending = new PendingBinding(caller.userId(), idempotencyKey, binding, now);
        int perDay = spec.perUserPerDay().orElse(0);
        if (spec.campaignId().isEmpty()) {
            return load.admit(() -> claimAndBind(pool, spec, pending, new AllocationLimits(null, perDay, spec.zone(), now)))
                    .invoke(answer -> metrics.allocated(answer.source(), System.nanoTime() - started));
        }
        long campaignId = spec.campaignId().getAsLong();
        return load.admit(() -> catalog.only(List.of(campaignId)).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(closed("campaign " + campaignId + " is not published"));
            }
            CompiledCampaign campaign = found.get(0);
            Subject subject = new Subject(caller, RequestAttributes.NONE, Instant.ofEpochMilli(now));
            Optional<CampaignVerdict> refused = judge.refusedWithoutFacts(campaign, subject, NOT_ASKED);
            if (refused.isPresent()) {
                return refusal(refused.get());
            }
            // The operator's brake: the shared landing page, and no code is taken.
            if (campaign.campaign().degraded(Degrade.QR_LANDING_PAGE)) {
                metrics.refused("landing-page");
                return Uni.createFrom().item(landingPage(spec, binding));
            }
            AllocationLimits limits = new AllocationLimits(campaign.campaign().rateLimits().qr(), perDay, spec.zone(),
                    now);
            return judge.judge(campaign, subject, NOT_ASKED)
                    .flatMap(verdict -> verdict.eligible()
                            ? claimAndBind(pool, spec, pending, limits)
                            : refusal(verdict));
        })).invoke(answer -> metrics.allocated(answer.source(), System.nanoTime() - started));
    }

    /** One code taken for the request and bound, within the limits. */
    private Uni<Allocation> claimAndBind(String pool, QrConfig.Pool spec, PendingBinding pending,
            AllocationLimits limits) {
        String fingerprint = pending.binding().fingerprint();
        return store.claim(pool, pending, fingerprint, Optional.empty(), limits)
                .flatMap(claim -> claim.empty()
                        ? mint.onTheSpot(pool, spec)
                                .onFailure(Refusal.class)
                                .invoke(refused -> metrics.refused("no-code"))
                                .flatMap(fresh -> store.claim(pool, pending, fingerprint, Optional.of(fresh), limits))
                        : Uni.createFrom().item(claim))
                .invoke(claim -> refuseOverLimit(claim, limits))
                .invoke(claim -> {
                    if (claim.state() == ClaimState.POOLED) {
                        metrics.level(pool, claim.level(), spec.lowWater());
                    }
                })
                .flatMap(claim -> bind(pool, pending, fingerprint, claim));
    }

    /** The answer while the campaign's QR allocation is braked: the pool's shared page, no code of one's own. */
    private static Allocation landingPage(QrConfig.Pool spec, Binding binding) {
        return new Allocation(null, spec.sharedCodeUrl().orElse(null), spec.landing(), binding.params(),
                binding.businessType(), CodeSource.LANDING_PAGE);
    }

    /** The campaign the pool serves refuses: a conflict while it is not running, not eligible for this user. */
    private static Uni<Allocation> refusal(CampaignVerdict verdict) {
        if (CAMPAIGN_CLOSED.contains(verdict.decidedBy())) {
            return Uni.createFrom().failure(closed(verdict.detail()));
        }
        return Uni.createFrom().failure(Refusal.notEligible(verdict.detail()));
    }

    private static Refusal closed(String detail) {
        return Refusal.conflict("no codes are allocated now: " + detail);
    }

    /** A claim refused by a limit becomes an over-limit refusal that says when the user may allocate again. */
    private void refuseOverLimit(Claim claim, AllocationLimits limits) {
        if (claim.state() == ClaimState.RATE_LIMITED) {
            metrics.refused("rate-limited");
            RateLimit rate = limits.rate();
            Duration wait = rate == null ? config.retryAfter() : rate.retryAfter(limits.nowMillis());
            throw Refusal.overLimit("Too many allocations", "this campaign lets each user allocate "
                    + (rate == null ? "fewer codes" : "at most " + rate.describe()) + "; try again in "
                    + wait.toSeconds() + " s", wait);
        }
        if (claim.state() == ClaimState.CAPPED) {
            metrics.refused("daily-cap");
            Duration wait = limits.untilNextDay();
            throw Refusal.overLimit("Daily allocation cap reached", "each user may be allocated "
                    + limits.perDay() + " code(s) of this kind a day (days in " + limits.zone() + "); try again in "
                    + wait.toSeconds() + " s", wait);
        }
    }

    Uni<Allocation> tryLater(Caller caller, String idempotencyKey, Binding binding, Throwable cause) {
        failures.fellBack(LOG, "qr allocation", cause);
        metrics.fellBack("allocate", cause);
        metrics.refused("fallback");
        return Uni.createFrom()
                .failure(Refusal.tryLater("no code can be allocated right now; try again shortly",
                        config.retryAfter()));
    }

    private Uni<Allocation> bind(String pool, PendingBinding pending, String fingerprint, Claim claim) {
        if (!claim.fingerprint().equals(fingerprint)) {
            metrics.refused("key-reused");
            return Uni.createFrom().failure(keyReused());
        }
        Binding binding = pending.binding();
        CodeSource source = switch (claim.state()) {
            case POOLED -> CodeSource.POOL;
            case MINTED -> CodeSource.ON_THE_SPOT;
            case REPLAYED -> CodeSource.REPLAY;
            // Refused or empty claims never get here: they hold no code.
            case EMPTY, RATE_LIMITED, CAPPED -> throw new IllegalStateException("a " + claim.state().wire()
                    + " claim holds no code");
        };
        Uni<Recording> recording = claim.unrecorded()
                ? record(pool, pending, claim.requestId())
                : Uni.createFrom().item(Recording.RECORDED);
        return store.cache(claim.requestId(), binding).flatMap(cached -> recording).flatMap(recorded -> switch (recorded) {
            case RECORDED, UNANSWERED -> Uni.createFrom().item(answer(claim.requestId(), claim.imageUrl(), binding, source));
            case CONFLICT -> conflict(pool, pending, claim);
            case DUPLICATE -> duplicate(pool, pending, fingerprint, claim);
        });
    }

    private Uni<Recording> record(String pool, PendingBinding pending, String requestId) {
        return ledger.bind(requestId, pending)
                .call(recorded -> recorded == Recording.RECORDED
                        ? store.recorded(pool, requestId).onFailure().recoverWithNull()
                        : Uni.createFrom().voidItem())
                .onFailure()
                .recoverWithItem(failure -> {
                    // The binding is safe in Redis; the settler records it once MySQL answers again.
                    metrics.unrecorded();
                    LOG.debugf("binding of %s left to the settler: %s", requestId, failure.toString());
                    return Recording.UNANSWERED;
                });
    }

    /** MySQL says another request holds the code: it is not handed out, and the caller's retry gets another. */
    private Uni<Allocation> conflict(String pool, PendingBinding pending, Claim claim) {
        LOG.errorf("code %s of pool %s is held by another request in MySQL; not handed out", claim.requestId(), pool);
        metrics.refused("conflict");
        return store.forget(claim.requestId())
                .flatMap(v -> store.release(pool, pending.userId(), pending.idempotencyKey(),
                        new PooledCode(claim.requestId(), claim.imageUrl()), false))
                .onFailure()
                .recoverWithNull()
                .flatMap(v -> Uni.createFrom()
                        .failure(Refusal.unavailable("the code picked was taken; try again", config.retryAfter())));
    }

    /**
     * MySQL says this request already holds another code (its Redis claim is gone, expired or lost): that code
     * is the answer, and the one just taken goes back to the pool untouched.
     */
    private Uni<Allocation> duplicate(String pool, PendingBinding pending, String fingerprint, Claim claim) {
        PooledCode taken = new PooledCode(claim.requestId(), claim.imageUrl());
        Uni<Void> giveBack = store.forget(taken.requestId())
                .flatMap(v -> store.release(pool, pending.userId(), pending.idempotencyKey(), taken, true))
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
        return ledger.boundTo(pending.userId(), pending.idempotencyKey()).call(existing -> giveBack).flatMap(existing -> {
            if (existing.isEmpty()) {
                return Uni.createFrom().failure(Refusal.unavailable("try again", config.retryAfter()));
            }
            BoundCode held = existing.get();
            if (!held.binding().fingerprint().equals(fingerprint)) {
                metrics.refused("key-reused");
                return Uni.createFrom().failure(keyReused());
            }
            return store.cache(held.requestId(), held.binding())
                    .onFailure()
                    .recoverWithNull()
                    .replaceWith(answer(held.requestId(), held.imageUrl(), held.binding(), CodeSource.REPLAY));
        });
    }

    private static Allocation answer(String requestId, String imageUrl, Binding binding, CodeSource source) {
        return new Allocation(requestId, imageUrl, binding.page(), binding.params(), binding.businessType(), source);
    }

    private static Refusal keyReused() {
        return new Refusal(Refusal.Reason.KEY_REUSED, "Idempotency key reused",
                "this Idempotency-Key was used for a different request; use a new key for each allocation");
    }
}
