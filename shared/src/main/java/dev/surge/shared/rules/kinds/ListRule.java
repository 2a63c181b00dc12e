package dev.surge.shared.rules.kinds;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Fact;
import dev.surge.shared.rules.Facts;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Subject;
import dev.surge.shared.rules.Verdict;

/** A rule decided by whether the user is on one uploaded list (parameter {@code list}). */
abstract class ListRule implements RuleKind {

    /** Whether being on the list lets the user in (an allow-list) or keeps them out (a block-list). */
    abstract boolean admitsMembers();

    @Override
    public Check compile(JsonNode json, RuleScope scope) {
        String list = new Params(name(), json).listName("list");
        String key = scope.keys().list(list);
        Verdict onList = new Verdict(admitsMembers(), "on " + name() + " '" + list + "'");
        Verdict offList = new Verdict(!admitsMembers(), "not on " + name() + " '" + list + "'");
        return new Check() {

            @Override
            public List<Fact> facts(Subject subject) {
                return List.of(new Fact.Membership(key, subject.caller().userId()));
            }

            @Override
            public Verdict test(Subject subject, Facts facts) {
                return facts.member(new Fact.Membership(key, subject.caller().userId())) ? onList : offList;
            }
        };
    }
}
