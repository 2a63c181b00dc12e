package dev.surge.draw.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.DrawSettings;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Prize;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.rules.CompiledCampaign;
import dev.surge.shared.rules.RuleBook;
import dev.surge.shared.warmup.HotPathRehearsal;

/**
 * The draw's hot path at start-up, in campaign 0 (never a real campaign): half its users intercepted, the rest
 * run the draw script against a prize Redis holds no stock of, so it answers "sold out" (or "lost") and nothing
 * reaches MySQL. Records and counters live a minute.
 */
@ApplicationScoped
public class DrawRehearsal implements HotPathRehearsal {

    private static final long CAMPAIGN = 0;
    private static final long PRIZE = 1;
    private static final int USERS = 64;
    private static final DrawService.Lifetimes LIFETIMES = new DrawService.Lifetimes(60, 60);

    private final DrawService service;
    private final SoldOutMemory soldOut;
    private final Clock clock;
    private final CompiledCampaign campaign;
    private final List<Caller> users = new ArrayList<>(USERS);

    public DrawRehearsal(DrawService service, SoldOutMemory soldOut, RuleBook rules, Clock clock) {
        this.service = service;
        this.soldOut = soldOut;
        this.clock = clock;
        Instant now = clock.instant();
        this.campaign = rules.compile(new Campaign(CAMPAIGN, "rehearsal", CampaignStatus.ONLINE,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), "UTC", 0, ParticipationLimit.NONE,
                List.of(), new DrawSettings(0.5, 1, List.of(new Prize(PRIZE, "rehearsal", 1))), 0));
        for (int i = 0; i < USERS; i++) {
            users.add(Caller.fromClaims(Map.of(Caller.SUBJECT, "rehearsal-" + i)));
        }
    }

    @Override
    public Uni<Void> rehearse(int round) {
        return service.decide(campaign, users.get(round % USERS), "rehearsal-" + round, RequestAttributes.NONE,
                clock.instant(), LIFETIMES)
                // The rehearsal's prize must keep reaching the script, not this instance's memory of it.
                .invoke(() -> soldOut.forget(CAMPAIGN, PRIZE))
                .replaceWithVoid();
    }
}
