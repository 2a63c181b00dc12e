package dev.surge.shared.rules.kinds;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Verdict;

/**
 * A narrower window inside the campaign: {@code from}/{@code to} instants, and/or daily hours
 * {@code dailyFrom}/{@code dailyTo} (e.g. "20:00"–"22:00") in the campaign's zone. Starts are inclusive,
 * ends exclusive; daily hours may wrap past midnight.
 */
@ApplicationScoped
public class TimeWindowRule implements RuleKind {

    @Override
    public String name() {
        return "time-window";
    }

    @Override
    public Check compile(JsonNode json, RuleScope scope) {
        Params params = new Params(name(), json);
        Optional<Instant> from = params.instant("from");
        Optional<Instant> to = params.instant("to");
        Optional<LocalTime> dailyFrom = params.timeOfDay("dailyFrom");
        Optional<LocalTime> dailyTo = params.timeOfDay("dailyTo");
        if (from.isEmpty() && to.isEmpty() && dailyFrom.isEmpty() && dailyTo.isEmpty()) {
            throw params.invalid("give 'from', 'to', or daily hours 'dailyFrom' and 'dailyTo'");
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw params.invalid("'from' must be before 'to'");
        }
        if (dailyFrom.isPresent() != dailyTo.isPresent() || dailyFrom.isPresent() && dailyFrom.equals(dailyTo)) {
            throw params.invalid("'dailyFrom' and 'dailyTo' go together and must differ");
        }
        ZoneId zone = scope.campaign().zoneId();
        return (subject, facts) -> {
            Instant now = subject.now();
            if (from.isPresent() && now.isBefore(from.get())) {
                return Verdict.fail("opens at " + from.get());
            }
            if (to.isPresent() && !now.isBefore(to.get())) {
                return Verdict.fail("closed at " + to.get());
            }
            if (dailyFrom.isPresent()) {
                LocalTime time = LocalTime.ofInstant(now, zone);
                LocalTime start = dailyFrom.get();
                LocalTime end = dailyTo.get();
                boolean inside = start.isBefore(end)
                        ? !time.isBefore(start) && time.isBefore(end)
                        : !time.isBefore(start) || time.isBefore(end);
                if (!inside) {
                    return Verdict.fail("open daily " + start + "–" + end + " " + zone + " only");
                }
            }
            return Verdict.pass("within the time window");
        };
    }
}
