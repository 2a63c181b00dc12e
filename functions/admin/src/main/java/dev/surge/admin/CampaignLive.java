package dev.surge.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;

/**
 * A campaign live: its status and switches, what it has given away (MySQL, the authority), the stock left (Redis,
 * what the draw takes from), and the functions' metrics.
 *
 * @param grants draw grants committed in MySQL
 * @param lastGrantAt when the latest grant committed; null when none did
 * @param rainWins rain packets won
 * @param rainWonCents what the rain's winners took, in cents
 * @param prizes each prize's stock in MySQL and in Redis; empty when the campaign runs no raffle
 * @param draws the campaign's draws that reached its stock in Redis, by outcome; empty when it runs no raffle
 * @param functions one metrics read per function the admin side can reach
 */
public record CampaignLive(long campaignId, CampaignStatus status, List<Degrade> switches, Instant at, long grants,
        Instant lastGrantAt, long rainWins, long rainWonCents, List<Prize> prizes, Map<String, Long> draws,
        List<FunctionSample> functions) {

    /**
     * One prize.
     *
     * @param redisStock units the draw can still take; null until the campaign is published
     */
    public record Prize(long id, String name, long stock, Long redisStock, long granted) {
    }
}
