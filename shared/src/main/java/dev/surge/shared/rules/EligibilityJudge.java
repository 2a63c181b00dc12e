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
 * until one needs facts; the facts of all remaining checks of every campaign of the request are then read
 * together, one script call per campaign in one pipeline ({@link FactReader}), so a request costs one Redis
 * round trip (one per hash slot on a cluster) however many campaigns it considers.
 */
@ApplicationScoped
public class EligibilityJudge {

    private final FactReader facts;

    public EligibilityJudge(FactReader facts) {
        this.facts = facts;
    }

    /** The verdicts of the campaigns, in the order given. */
    public Uni<List<CampaignVerdict>> judgeAll(Collection<CompiledCampaign> campaigns, Subject subject) {
        return judgeAll(campaigns, subject, Set.of());
    }

    public Uni<CampaignVerdict> judge(CompiledCampaign campaign, Subject subject) {
        return judge(campaign, subject, Set.of());
    }

    /**
     * Judges one campaign, leaving out checks of the given kinds: a caller that enforces them itself,
     * atomically (the draw script counts participation as it admits), skips reading them here.
     */
    public Uni<CampaignVerdict> judge(CompiledCampaign campaign, Subject subject, Set<String> skippedKinds) {
        return judgeAll(List.of(campaign), subject, skippedKinds).map(verdicts -> verdicts.get(0));
    }

    private Uni<List<CampaignVerdict>> judgeAll(Collection<CompiledCampaign> campaigns, Subject subject,
            Set<String> skippedKinds) {
        List<Judgement> judgements = new ArrayList<>(campaigns.size());
        List<List<Fact>> needed = new ArrayList<>();
        for (CompiledCampaign campaign : campaigns) {
            Judgement judgement = judgement(campaign, subject, skippedKinds);
            judgements.add(judgement);
            if (judgement instanceof AwaitingFacts awaiting) {
                needed.add(awaiting.facts());
            }
        }
        if (needed.isEmpty()) {
            return Uni.createFrom().item(judgements.stream().map(j -> ((Decided) j).verdict()).toList());
        }
        return facts.read(needed).map(read -> {
            List<CampaignVerdict> verdicts = new ArrayList<>(judgements.size());
            int next = 0;
            for (Judgement judgement : judgements) {
                verdicts.add(judgement instanceof AwaitingFacts awaiting
                        ? awaiting.verdict(subject, read.get(next++))
                        : ((Decided) judgement).verdict());
            }
            return verdicts;
        });
    }

    /** How far a campaign is judged before Redis: decided already, or waiting for the facts of its later checks. */
    private sealed interface Judgement permits Decided, AwaitingFacts {
    }

    private record Decided(CampaignVerdict verdict) implements Judgement {
    }

    /** The checks from the first that needs facts to the end of the chain, and the facts they need together. */
    private record AwaitingFacts(CompiledCampaign campaign, List<CompiledCampaign.Link> rest, List<Fact> facts)
            implements
                Judgement {

        CampaignVerdict verdict(Subject subject, Facts read) {
            for (CompiledCampaign.Link link : rest) {
                Verdict verdict = link.check().test(subject, read);
                if (!verdict.passed()) {
                    return CampaignVerdict.rejected(campaign.campaign(), link, verdict);
                }
            }
            return CampaignVerdict.eligible(campaign.campaign());
        }
    }

    private static Judgement judgement(CompiledCampaign campaign, Subject subject, Set<String> skippedKinds) {
        List<CompiledCampaign.Link> chain = chain(campaign, skippedKinds);
        int first = firstNeedingFacts(chain, subject);
        Optional<CampaignVerdict> refused = refusedBefore(campaign, chain, first, subject);
        if (refused.isPresent()) {
            return new Decided(refused.get());
        }
        if (first == chain.size()) {
            return new Decided(CampaignVerdict.eligible(campaign.campaign()));
        }
        List<CompiledCampaign.Link> rest = chain.subList(first, chain.size());
        Set<Fact> needed = new LinkedHashSet<>();
        rest.forEach(link -> needed.addAll(link.check().facts(subject)));
        return new AwaitingFacts(campaign, rest, new ArrayList<>(needed));
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
