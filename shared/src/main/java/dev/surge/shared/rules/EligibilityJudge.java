package dev.surge.shared.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Runs compiled campaigns against a subject. Checks that need nothing from Redis run first, in chain order,
 * until one needs facts; the facts of all remaining checks of a campaign are then read in one round trip,
 * and the campaigns of one request are judged concurrently.
 */
@ApplicationScoped
public class EligibilityJudge {

    private final FactReader facts;

    public EligibilityJudge(FactReader facts) {
        this.facts = facts;
    }

    public Uni<List<CampaignVerdict>> judgeAll(Collection<CompiledCampaign> campaigns, Subject subject) {
        if (campaigns.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<CampaignVerdict>> each = campaigns.stream().map(c -> judge(c, subject)).toList();
        return Uni.join().all(each).andFailFast();
    }

    public Uni<CampaignVerdict> judge(CompiledCampaign campaign, Subject subject) {
        return judge(campaign, subject, Set.of());
    }

    /**
     * Judges one campaign, leaving out checks of the given kinds: a caller that enforces them itself,
     * atomically (the draw script counts participation as it admits), skips reading them here.
     */
    public Uni<CampaignVerdict> judge(CompiledCampaign campaign, Subject subject, Set<String> skippedKinds) {
        List<CompiledCampaign.Link> chain = chain(campaign, skippedKinds);
        int first = firstNeedingFacts(chain, subject);
        Optional<CampaignVerdict> refused = refusedBefore(campaign, chain, first, subject);
        if (refused.isPresent()) {
            return Uni.createFrom().item(refused.get());
        }
        if (first == chain.size()) {
            return Uni.createFrom().item(CampaignVerdict.eligible(campaign.campaign()));
        }
        List<CompiledCampaign.Link> rest = chain.subList(first, chain.size());
        Set<Fact> needed = new LinkedHashSet<>();
        rest.forEach(link -> needed.addAll(link.check().facts(subject)));
        return facts.read(new ArrayList<>(needed)).map(read -> {
            for (CompiledCampaign.Link link : rest) {
                Verdict verdict = link.check().test(subject, read);
                if (!verdict.passed()) {
                    return CampaignVerdict.rejected(campaign.campaign(), link, verdict);
                }
            }
            return CampaignVerdict.eligible(campaign.campaign());
        });
    }

    /**
     * The refusal of the checks that need nothing from Redis and come before the first that does, if one refuses:
     * what a caller can learn of a campaign without a round trip (status, window, channel, tags...).
     */
    public Optional<CampaignVerdict> refusedWithoutFacts(CompiledCampaign campaign, Subject subject,
            Set<String> skippedKinds) {
        List<CompiledCampaign.Link> chain = chain(campaign, skippedKinds);
        return refusedBefore(campaign, chain, firstNeedingFacts(chain, subject), subject);
    }

    private static List<CompiledCampaign.Link> chain(CompiledCampaign campaign, Set<String> skippedKinds) {
        return skippedKinds.isEmpty()
                ? campaign.chain()
                : campaign.chain().stream().filter(link -> !skippedKinds.contains(link.kind())).toList();
    }

    private static int firstNeedingFacts(List<CompiledCampaign.Link> chain, Subject subject) {
        int first = 0;
        while (first < chain.size() && chain.get(first).check().facts(subject).isEmpty()) {
            first++;
        }
        return first;
    }

    private static Optional<CampaignVerdict> refusedBefore(CompiledCampaign campaign,
            List<CompiledCampaign.Link> chain, int end, Subject subject) {
        for (CompiledCampaign.Link link : chain.subList(0, end)) {
            Verdict verdict = link.check().test(subject, Facts.NONE);
            if (!verdict.passed()) {
                return Optional.of(CampaignVerdict.rejected(campaign.campaign(), link, verdict));
            }
        }
        return Optional.empty();
    }
}
