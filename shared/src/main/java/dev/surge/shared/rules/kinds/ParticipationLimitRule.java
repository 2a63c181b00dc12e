package dev.surge.shared.rules.kinds;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Fact;
import dev.surge.shared.rules.Facts;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleBook;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Subject;
import dev.surge.shared.rules.Verdict;

/**
 * The per-user participation counters: at most {@code total} times over the campaign and {@code perDay}
 * times per calendar day in the campaign's zone. Counters are written by the functions where users take
 * part (a draw, a grab); this check only reads them. A campaign's own limit is appended as this rule.
 */
@ApplicationScoped
public class ParticipationLimitRule implements RuleKind {

    @Override
    public String name() {
        return RuleBook.PARTICIPATION_LIMIT;
    }

    @Override
    public Check compile(JsonNode json, RuleScope scope) {
        Params params = new Params(name(), json);
        Optional<Long> total = params.positiveLong("total");
        Optional<Long> perDay = params.positiveLong("perDay");
        if (total.isEmpty() && perDay.isEmpty()) {
            throw params.invalid("give 'total', 'perDay' or both");
        }
        ZoneId zone = scope.campaign().zoneId();
        return new Check() {

            @Override
            public List<Fact> facts(Subject subject) {
                List<Fact> facts = new ArrayList<>(2);
                total.ifPresent(t -> facts.add(totalFact(subject)));
                perDay.ifPresent(d -> facts.add(dayFact(subject)));
                return facts;
            }

            @Override
            public Verdict test(Subject subject, Facts facts) {
                if (total.isPresent() && facts.count(totalFact(subject)) >= total.get()) {
                    return Verdict.fail("took part " + total.get() + " time(s), the campaign's limit");
                }
                if (perDay.isPresent() && facts.count(dayFact(subject)) >= perDay.get()) {
                    return Verdict.fail("took part " + perDay.get() + " time(s) today, the daily limit");
                }
                return Verdict.pass("under the participation limit");
            }

            private Fact.Count totalFact(Subject subject) {
                return new Fact.Count(scope.participation(subject.caller().userId()), CampaignKeys.TOTAL_FIELD);
            }

            private Fact.Count dayFact(Subject subject) {
                return new Fact.Count(scope.participation(subject.caller().userId()),
                        CampaignKeys.dayField(LocalDate.ofInstant(subject.now(), zone)));
            }
        };
    }
}
