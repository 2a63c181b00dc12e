package dev.surge.admin.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.CampaignLive;
import dev.surge.admin.FunctionSample;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;

/**
 * A campaign live: its status and switches, what it has given away (MySQL, the authority), the stock left (Redis,
 * what the draw takes from), and the functions' metrics.
 *
 * @param grants draw grants committed in MySQL
 * @param lastGrantAt when the latest grant committed; absent when none did
 * @param rainWins rain packets won
 * @param rainWonCents what the rain's winners took, in cents
 * @param prizes each prize's stock in MySQL and in Redis; empty when the campaign runs no raffle
 * @param draws the campaign's draws that reached its stock in Redis, by outcome (the draw script counts them; a
 *        draw intercepted or refused before is not among them); empty when the campaign runs no raffle
 * @param functions one metrics read per function the admin side can reach
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveView(long campaignId, CampaignStatus status, List<String> switches, Instant at, long grants,
        Instant lastGrantAt, long rainWins, long rainWonCents, List<PrizeLive> prizes, Map<String, Long> draws,
        List<FunctionSample> functions) {

    static LiveView of(CampaignLive live) {
        return new LiveView(live.campaignId(), live.status(), live.switches().stream().map(Degrade::wireName).toList(),
                live.at(), live.grants(), live.lastGrantAt(), live.rainWins(), live.rainWonCents(),
                live.prizes().stream().map(PrizeLive::of).toList(), live.draws(), live.functions());
    }

    /**
     * One prize.
     *
     * @param redisStock units the draw can still take; absent until the campaign is published
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PrizeLive(long id, String name, long stock, Long redisStock, long granted) {

        static PrizeLive of(CampaignLive.Prize prize) {
            return new PrizeLive(prize.id(), prize.name(), prize.stock(), prize.redisStock(), prize.granted());
        }
    }
}
