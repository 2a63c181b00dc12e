package dev.surge.eligibility.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.eligibility.EligibilityDecision;
import dev.surge.eligibility.EligibilityQuery;
import dev.surge.eligibility.config.EligibilityConfig;
import dev.surge.shared.capacity.EntryGuard;
import dev.surge.shared.capacity.EntryGuards;
import dev.surge.shared.capacity.EventLoopLag;
import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.logging.FailureLog;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.rules.CampaignVerdict;
import dev.surge.shared.rules.CompiledCampaign;
import dev.surge.shared.rules.EligibilityJudge;
import dev.surge.shared.rules.SelectionPolicy;
import dev.surge.shared.rules.Subject;

/**
 * Decides eligibility from Redis alone (through the in-process catalog), never MySQL. When Redis cannot
 * answer in time the caller gets an honest "cannot decide now" (503 with Retry-After), never a guess.
 */
@ApplicationScoped
public class EligibilityService {

    private static final Logger LOG = Logger.getLogger(EligibilityService.class);

    private final CampaignCatalog catalog;
    private final EligibilityJudge judge;
    private final Clock clock;
    private final EligibilityConfig config;
    private final EligibilityMetrics metrics;
    private final FailureLog failures;

    private final EventLoopLag load;

    private final EntryGuard entry;

    public EligibilityService(CampaignCatalog catalog, EligibilityJudge judge, Clock clock, EligibilityConfig config,
            EligibilityMetrics metrics, EventLoopLag load, EntryGuards entries, FailureLog failures) {
        this.entry = entries.entry("dev.surge.eligibility.service.EligibilityService/decide");
        this.load = load;
        this.catalog = catalog;
        this.judge = judge;
        this.clock = clock;
        this.config = config;
        this.metrics = metrics;
        this.failures = failures;
    }

    public Uni<EligibilityDecision> decide(Caller caller, EligibilityQuery query) {
        return entry.call(() -> decideAdmitted(caller, query), cause -> undecided(caller, query, cause));
    }

    /** The decide itself, inside the entry bulkhead. */
    private Uni<EligibilityDecision> decideAdmitted(Caller caller, EligibilityQuery query) {
        long started = System.nanoTime();
        Set<Long> asked = new LinkedHashSet<>(query.campaignIds());
        if (asked.size() > config.maxCampaignIds()) {
            return Uni.createFrom()
                    .failure(Refusal.invalid("at most " + config.maxCampaignIds()
                            + " campaign ids per request"));
        }
        Uni<List<CompiledCampaign>> campaigns = load.admit(() -> asked.isEmpty() ? catalog.all() : catalog.only(asked));
        return campaigns.flatMap(found -> {
            if (found.size() < asked.size()) {
                Set<Long> unknown = new LinkedHashSet<>(asked);
                found.forEach(c -> unknown.remove(c.id()));
                return Uni.createFrom().failure(Refusal.notFound("no published campaign " + unknown));
            }
            return decideAmong(caller, found, query.attributes());
        }).invoke(decision -> metrics.decided(decision, System.nanoTime() - started));
    }

    /**
     * The decision among campaigns already found: every rule judged (the list and counter reads of all campaigns in
     * one Redis round trip), then the choice. Uncounted, so start-up rehearses it on a campaign of its own.
     */
    Uni<EligibilityDecision> decideAmong(Caller caller, List<CompiledCampaign> campaigns, RequestAttributes attributes) {
        Subject subject = new Subject(caller, attributes, clock.instant());
        return judge.judgeAll(campaigns, subject).map(verdicts -> decision(caller, verdicts));
    }

    /**
     * The entry's fallback (a refusal meant for the caller never gets here: the entry passes it through): an
     * honest "cannot decide now".
     */
    Uni<EligibilityDecision> undecided(Caller caller, EligibilityQuery query, Throwable cause) {
        metrics.fellBack(cause);
        failures.fellBack(LOG, "eligibility", cause);
        return Uni.createFrom()
                .failure(Refusal.tryLater(
                        "eligibility cannot be decided right now; try again shortly", config.retryAfter()));
    }

    private static EligibilityDecision decision(Caller caller, List<CampaignVerdict> verdicts) {
        Optional<CampaignVerdict> chosen = SelectionPolicy.choose(verdicts);
        List<CampaignVerdict> ordered = new ArrayList<>(verdicts);
        ordered.sort((a, b) -> SelectionPolicy.ORDER.compare(a.campaign(), b.campaign()));
        List<EligibilityDecision.Considered> considered = ordered.stream()
                .map(v -> new EligibilityDecision.Considered(v.campaign().id(),
                        v.campaign().name(), v.campaign().priority(), v.eligible(),
                        chosen.isPresent() && chosen.get() == v, v.decidedBy(), v.ruleIndex(), reason(v, chosen)))
                .toList();
        return new EligibilityDecision(chosen.isPresent(), caller.userId(), chosen.map(v -> v.campaign().id()).orElse(null),
                SelectionPolicy.STATEMENT, considered);
    }

    private static String reason(CampaignVerdict verdict, Optional<CampaignVerdict> chosen) {
        if (!verdict.eligible() || chosen.isEmpty() || chosen.get() == verdict) {
            return verdict.detail();
        }
        return "eligible, but campaign " + chosen.get().campaign().id() + " comes first by "
                + SelectionPolicy.STATEMENT;
    }
}
