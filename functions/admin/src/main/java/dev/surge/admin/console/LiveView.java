package dev.surge.admin.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.model.CampaignStatus;

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

    /**
     * One prize.
     *
     * @param redisStock units the draw can still take; absent until the campaign is published
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PrizeLive(long id, String name, long stock, Long redisStock, long granted) {
    }
}
