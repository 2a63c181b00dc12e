package dev.surge.admin.service;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.surge.admin.config.AdminConfig;
import dev.surge.admin.redis.CatalogStore;
import dev.surge.admin.redis.PrizeStockStore;
import dev.surge.admin.repository.CampaignRepository;
import dev.surge.admin.repository.PrizeRepository;
import dev.surge.shared.metrics.SurgeMetrics;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.redis.RedisKeys;

/**
 * Writes a campaign's snapshot to Redis the way the hot path reads it: the snapshot first, then its version
 * in the catalog, so a reader that sees the new version always finds the new snapshot.
 *
 * <p>
 * The version was taken (and committed) in MySQL before this runs, so a version is never handed out twice even
 * when a write here fails. The Redis writes then run under the campaign row's lock, and only while that version
 * is still the newest: two publishes of one campaign racing each other can never leave the older snapshot in
 * Redis.
 */
@ApplicationScoped
public class CampaignPublisher {

    private static final Logger LOG = Logger.getLogger(CampaignPublisher.class);

    private final CampaignRepository campaigns;
    private final PrizeRepository prizes;
    private final PrizeStockStore stock;
    private final CatalogStore catalog;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final AdminConfig config;
    private final Counter published;
    private final Counter superseded;
    private final Counter failed;

    public CampaignPublisher(CampaignRepository campaigns, PrizeRepository prizes, PrizeStockStore stock,
            CatalogStore catalog, RedisKeys keys, ObjectMapper json,
            AdminConfig config, MeterRegistry registry) {
        this.campaigns = campaigns;
        this.prizes = prizes;
        this.stock = stock;
        this.catalog = catalog;
        this.keys = keys;
        this.json = json;
        this.config = config;
        this.published = registry.counter(SurgeMetrics.PUBLISHES, SurgeMetrics.TAG_OUTCOME, "published");
        this.superseded = registry.counter(SurgeMetrics.PUBLISHES, SurgeMetrics.TAG_OUTCOME, "superseded");
        this.failed = registry.counter(SurgeMetrics.PUBLISHES, SurgeMetrics.TAG_OUTCOME, "failed");
    }

    /**
     * Publishes {@code snapshot}, whose version the caller has already committed as the campaign's published
     * version.
     *
     * @return false when a newer publish of the campaign took over, whose snapshot then stands
     * @throws Refusal unavailable when MySQL or Redis failed; the campaign is then not (re)published
     */
    public boolean write(Campaign snapshot) {
        String text = text(snapshot);
        try {
            boolean written = QuarkusTransaction.requiringNew().call(() -> {
                OptionalLong newest = campaigns.lockPublishedVersion(snapshot.id());
                if (newest.isEmpty() || newest.getAsLong() != snapshot.version()) {
                    return false;
                }
                store(snapshot, text);
                return true;
            });
            (written ? published : superseded).increment();
            return written;
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        }
    }

    private void store(Campaign snapshot, String text) {
        try {
            if (snapshot.draw() != null) {
                // Counters of prizes published for the first time start at their MySQL stock; existing ones
                // are live and only move with draws and stock changes.
                Map<Long, Long> stockByPrize = new HashMap<>();
                prizes.ofCampaign(snapshot.id()).forEach(p -> stockByPrize.put(p.id(), p.stock()));
                // Split over the raffle's stock buckets as the snapshot names them, the count draws will use.
                stock.initialise(keys.draw(snapshot.id(), snapshot.draw().stockBuckets()), stockByPrize);
            }
            catalog.publish(snapshot.id(), snapshot.version(), text);
        } catch (RuntimeException e) {
            LOG.warnf("publishing campaign %d version %d to Redis failed: %s", snapshot.id(), snapshot.version(),
                    e.toString());
            throw Refusal.unavailable("Redis did not take campaign " + snapshot.id()
                    + "; it is saved but not published, publish it again shortly", config.retryAfter());
        }
    }

    private String text(Campaign snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write campaign " + snapshot.id() + " as JSON", e);
        }
    }
}
