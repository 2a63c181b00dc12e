package dev.surge.admin.console;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.admin.repository.CampaignRow;
import dev.surge.admin.repository.LiveCounters;
import dev.surge.admin.rest.RaffleView;
import dev.surge.admin.service.CampaignService;
import dev.surge.admin.service.RaffleService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.redis.CampaignKeys;
import dev.surge.shared.redis.RedisKeys;

/** A campaign live, as the console's pages read it every few seconds. */
@Path("/admin/v1/campaigns/{id}/live")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class CampaignLiveResource {

    private final CampaignService campaigns;
    private final RaffleService raffles;
    private final LiveCounters counters;
    private final FunctionMetrics metrics;
    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final Clock clock;

    public CampaignLiveResource(CampaignService campaigns, RaffleService raffles, LiveCounters counters,
            FunctionMetrics metrics, RedisDataSource redis, RedisKeys keys, Clock clock) {
        this.campaigns = campaigns;
        this.raffles = raffles;
        this.counters = counters;
        this.metrics = metrics;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    /** {@code metrics=false} leaves the functions' metrics out (the campaigns list reads many campaigns). */
    @GET
    public LiveView live(@PathParam("id") long id, @QueryParam("metrics") @DefaultValue("true") boolean withMetrics) {
        CampaignRow campaign = campaigns.get(id);
        RaffleView raffle = raffles.view(id);
        LiveCounters.Counts counts = counters.count(id);
        List<LiveView.PrizeLive> prizes = raffle.prizes()
                .stream()
                .map(p -> new LiveView.PrizeLive(p.id(), p.name(), p.stock(), p.redisStock(),
                        counts.grantedByPrize().getOrDefault(p.id(), 0L)))
                .toList();
        return new LiveView(id, campaign.status(), campaign.degrades().stream().sorted().map(Degrade::wireName).toList(),
                clock.instant(), counts.grants(), counts.lastGrantAt(), counts.rainWins(), counts.rainWonCents(), prizes,
                raffle.stockBuckets() == null ? Map.of() : tally(id, raffle.stockBuckets()),
                withMetrics ? metrics.read() : List.of());
    }

    /** The draw script's count of the campaign's outcomes, summed over its stock buckets. */
    private Map<String, Long> tally(long campaignId, int buckets) {
        Map<String, Long> tally = new TreeMap<>();
        for (CampaignKeys bucket : keys.draw(campaignId, buckets).buckets()) {
            redis.hash(String.class)
                    .hgetall(bucket.tally())
                    .forEach((outcome, n) -> tally.merge(outcome, Long.parseLong(n), Long::sum));
        }
        return tally;
    }
}
