package dev.surge.admin.console;

import java.time.Clock;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.surge.admin.repository.CampaignRow;
import dev.surge.admin.repository.LiveCounters;
import dev.surge.admin.rest.RaffleView;
import dev.surge.admin.service.CampaignService;
import dev.surge.admin.service.RaffleService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Degrade;

/** A campaign live, as the console's pages read it every few seconds. */
@Path("/admin/v1/campaigns/{id}/live")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class CampaignLiveResource {

    private final CampaignService campaigns;
    private final RaffleService raffles;
    private final LiveCounters counters;
    private final FunctionMetrics metrics;
    private final Clock clock;

    public CampaignLiveResource(CampaignService campaigns, RaffleService raffles, LiveCounters counters,
            FunctionMetrics metrics, Clock clock) {
        this.campaigns = campaigns;
        this.raffles = raffles;
        this.counters = counters;
        this.metrics = metrics;
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
                withMetrics ? metrics.read() : List.of());
    }
}
