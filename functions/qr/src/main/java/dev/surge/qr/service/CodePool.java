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

import dev.surge.qr.client.AllocationLimits;
import dev.surge.qr.client.Binding;
import dev.surge.qr.client.Claim;
import dev.surge.qr.client.PendingBinding;
import dev.surge.qr.client.PoolStore;
import dev.surge.qr.client.PooledCode;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.repository.BoundCode;
import dev.surge.qr.repository.CodeLedger;
import dev.surge.qr.repository.Recording;
import dev.surge.qr.rest.AllocatedCode;
import dev.surge.shared.capacity.EntryGuard;
import dev.surge.shared.capacity.EntryGuards;
import dev.surge.shared.capacity.EventLoopLag;
import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.logging.FailureLog;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.problem.ProblemException;
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
 * unrecorded bindings into MySQL. The same script refuses (429) a user over the pool's daily cap or the per-user
 * rate limit of the campaign the pool serves, before any code is taken.</li>
 * <li>An empty pool: a code is made on the spot if the fleet's upstream limit allows, else 503.</li>
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
    public Uni<AllocatedCode> allocate(Caller caller, String idempotencyKey, Binding binding) {
        return entry.call(() -> allocateAdmitted(caller, idempotencyKey, binding),
                cause -> tryLater(caller, idempotencyKey, binding, cause));
    }

    /** The allocate itself, inside the entry bulkhead. */
    private Uni<AllocatedCode> allocateAdmitted(Caller caller, String idempotencyKey, Binding binding) {
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
    private Uni<AllocatedCode> claimAndBind(String pool, QrConfig.Pool spec, PendingBinding pending,
            AllocationLimits limits) {
        String fingerprint = pending.binding().fingerprint();
        return store.claim(pool, pending, fingerprint, Optional.empty(), limits)
                .flatMap(claim -> claim.empty()
                        ? mint.onTheSpot(pool, spec)
                                .onFailure(ProblemException.class)
                                .invoke(refused -> metrics.refused("no-code"))
                                .flatMap(fresh -> store.claim(pool, pending, fingerprint, Optional.of(fresh), limits))
                        : Uni.createFrom().item(claim))
                .invoke(claim -> refuseOverLimit(claim, limits))
                .invoke(claim -> {
                    if (Claim.POOLED.equals(claim.state())) {
                        metrics.level(pool, claim.level(), spec.lowWater());
                    }
                })
                .flatMap(claim -> bind(pool, pending, fingerprint, claim));
    }

    /** The answer while the campaign's QR allocation is braked: the pool's shared page, no code of one's own. */
    private static AllocatedCode landingPage(QrConfig.Pool spec, Binding binding) {
        return new AllocatedCode(null, spec.sharedCodeUrl().orElse(null), spec.landing(), binding.params(),
                binding.businessType(), AllocatedCode.LANDING_PAGE);
    }

    /** The campaign the pool serves refuses: 409 while it is not running, 403 for this user. */
    private static Uni<AllocatedCode> refusal(CampaignVerdict verdict) {
        if (CAMPAIGN_CLOSED.contains(verdict.decidedBy())) {
            return Uni.createFrom().failure(closed(verdict.detail()));
        }
        return Uni.createFrom().failure(new ProblemException(403, "Not eligible", verdict.detail()));
    }

    private static ProblemException closed(String detail) {
        return ProblemException.conflict("no codes are allocated now: " + detail);
    }

    /** A claim refused by a limit becomes a 429 whose Retry-After says when the user may allocate again. */
    private void refuseOverLimit(Claim claim, AllocationLimits limits) {
        if (Claim.RATE_LIMITED.equals(claim.state())) {
            metrics.refused("rate-limited");
            RateLimit rate = limits.rate();
            Duration wait = rate == null ? config.retryAfter() : rate.retryAfter(limits.nowMillis());
            throw ProblemException.tooManyRequests("Too many allocations", "this campaign lets each user allocate "
                    + (rate == null ? "fewer codes" : "at most " + rate.describe()) + "; try again in "
                    + wait.toSeconds() + " s", wait);
        }
        if (Claim.CAPPED.equals(claim.state())) {
            metrics.refused("daily-cap");
            Duration wait = limits.untilNextDay();
            throw ProblemException.tooManyRequests("Daily allocation cap reached", "each user may be allocated "
                    + limits.perDay() + " code(s) of this kind a day (days in " + limits.zone() + "); try again in "
                    + wait.toSeconds() + " s", wait);
        }
    }

    Uni<AllocatedCode> tryLater(Caller caller, String idempotencyKey, Binding binding, Throwable cause) {
        failures.fellBack(LOG, "qr allocation", cause);
        metrics.fellBack("allocate", cause);
        metrics.refused("fallback");
        return Uni.createFrom()
                .failure(ProblemException.unavailable("no code can be allocated right now; try again shortly",
                        config.retryAfter()));
    }

    private Uni<AllocatedCode> bind(String pool, PendingBinding pending, String fingerprint, Claim claim) {
        if (!claim.fingerprint().equals(fingerprint)) {
            metrics.refused("key-reused");
            return Uni.createFrom().failure(keyReused());
        }
        Binding binding = pending.binding();
        String source = switch (claim.state()) {
            case Claim.POOLED -> AllocatedCode.POOL;
            case Claim.MINTED -> AllocatedCode.ON_THE_SPOT;
            default -> AllocatedCode.REPLAY;
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
    private Uni<AllocatedCode> conflict(String pool, PendingBinding pending, Claim claim) {
        LOG.errorf("code %s of pool %s is held by another request in MySQL; not handed out", claim.requestId(), pool);
        metrics.refused("conflict");
        return store.forget(claim.requestId())
                .flatMap(v -> store.release(pool, pending.userId(), pending.idempotencyKey(),
                        new PooledCode(claim.requestId(), claim.imageUrl()), false))
                .onFailure()
                .recoverWithNull()
                .flatMap(v -> Uni.createFrom()
                        .failure(ProblemException.unavailable("the code picked was taken; try again", config.retryAfter())));
    }

    /**
     * MySQL says this request already holds another code (its Redis claim is gone, expired or lost): that code
     * is the answer, and the one just taken goes back to the pool untouched.
     */
    private Uni<AllocatedCode> duplicate(String pool, PendingBinding pending, String fingerprint, Claim claim) {
        PooledCode taken = new PooledCode(claim.requestId(), claim.imageUrl());
        Uni<Void> giveBack = store.forget(taken.requestId())
                .flatMap(v -> store.release(pool, pending.userId(), pending.idempotencyKey(), taken, true))
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
        return ledger.boundTo(pending.userId(), pending.idempotencyKey()).call(existing -> giveBack).flatMap(existing -> {
            if (existing.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.unavailable("try again", config.retryAfter()));
            }
            BoundCode held = existing.get();
            if (!held.binding().fingerprint().equals(fingerprint)) {
                metrics.refused("key-reused");
                return Uni.createFrom().failure(keyReused());
            }
            return store.cache(held.requestId(), held.binding())
                    .onFailure()
                    .recoverWithNull()
                    .replaceWith(answer(held.requestId(), held.imageUrl(), held.binding(), AllocatedCode.REPLAY));
        });
    }

    private static AllocatedCode answer(String requestId, String imageUrl, Binding binding, String source) {
        return new AllocatedCode(requestId, imageUrl, binding.page(), binding.params(), binding.businessType(), source);
    }

    private static ProblemException keyReused() {
        return new ProblemException(422, "Idempotency key reused",
                "this Idempotency-Key was used for a different request; use a new key for each allocation");
    }
}
