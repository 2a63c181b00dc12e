package dev.surge.admin.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.CampaignLive;
import dev.surge.admin.CampaignRow;
import dev.surge.admin.QrPool;
import dev.surge.admin.Raffle;
import dev.surge.admin.config.ConsoleConfig;
import dev.surge.admin.redis.DrawTallyStore;
import dev.surge.admin.redis.QrPoolStore;
import dev.surge.admin.repository.LiveCounters;
import dev.surge.admin.upstream.FunctionMetrics;

/**
 * What the operator console reads beyond the admin API: a campaign live (MySQL's counts, Redis' stock and draw
 * tally, the functions' metrics) and the qr function's pools.
 */
@ApplicationScoped
public class ConsoleService {

    private final CampaignService campaigns;
    private final RaffleService raffles;
    private final LiveCounters counters;
    private final DrawTallyStore tallies;
    private final QrPoolStore pools;
    private final FunctionMetrics metrics;
    private final ConsoleConfig config;
    private final Clock clock;

    public ConsoleService(CampaignService campaigns, RaffleService raffles, LiveCounters counters,
            DrawTallyStore tallies, QrPoolStore pools, FunctionMetrics metrics, ConsoleConfig config, Clock clock) {
        this.campaigns = campaigns;
        this.raffles = raffles;
        this.counters = counters;
        this.tallies = tallies;
        this.pools = pools;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** The campaign live; {@code withMetrics} false leaves the functions' metrics out. */
    public CampaignLive live(long id, boolean withMetrics) {
        CampaignRow campaign = campaigns.get(id);
        Raffle raffle = raffles.view(id);
        LiveCounters.Counts counts = counters.count(id);
        List<CampaignLive.Prize> prizes = raffle.prizes()
                .stream()
                .map(p -> new CampaignLive.Prize(p.id(), p.name(), p.stock(), p.redisStock(),
                        counts.grantedByPrize().getOrDefault(p.id(), 0L)))
                .toList();
        return new CampaignLive(id, campaign.status(), campaign.degrades().stream().sorted().toList(), clock.instant(),
                counts.grants(), counts.lastGrantAt(), counts.rainWins(), counts.rainWonCents(), prizes,
                raffle.stockBuckets() == null ? Map.of() : tallies.tally(id, raffle.stockBuckets()),
                withMetrics ? metrics.read() : List.of());
    }

    /** Each configured pool's codes ready, and the upstream codes the fleet made this minute. */
    public List<QrPool> qrPools() {
        long used = pools.quotaUsed(clock.millis() / 60_000);
        return config.qrPools()
                .orElse(List.of())
                .stream()
                .map(pool -> new QrPool(pool, pools.depth(pool), used))
                .toList();
    }
}
