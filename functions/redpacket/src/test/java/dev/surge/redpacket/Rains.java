package dev.surge.redpacket;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.redpacket.redis.RedPacketKeys;
import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Rule;
import dev.surge.shared.testing.Publications;

/**
 * Campaigns for rains, published as the admin side publishes them, and a look at a rain's Redis state through the
 * test's own client.
 */
@ApplicationScoped
public class Rains {

    /** Longest a publish may take to reach this instance's catalog in these tests (the bound is 2 s). */
    static final Duration VISIBLE = Duration.ofSeconds(5);

    private final Publications publications;
    private final CampaignCatalog catalog;
    private final RedisDataSource redis;
    private final RedPacketKeys keys;

    public Rains(Publications publications, CampaignCatalog catalog, RedisDataSource redis, RedPacketKeys keys) {
        this.publications = publications;
        this.catalog = catalog;
        this.redis = redis;
        this.keys = keys;
    }

    /** A new online campaign with these rules, published and in this instance's catalog. */
    public Campaign campaign(Rule... rules) {
        Campaign campaign = Publications.online(Publications.newId(), 0, rules);
        publish(campaign);
        return campaign;
    }

    public long campaignId(Rule... rules) {
        return campaign(rules).id();
    }

    /** Publishes the campaign and waits until this instance's catalog has that version. */
    public void publish(Campaign campaign) {
        publications.publish(campaign);
        await().atMost(VISIBLE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> catalog.only(List.of(campaign.id()))
                        .await()
                        .atMost(Packets.PATIENCE)
                        .stream()
                        .anyMatch(c -> c.version() >= campaign.version()));
    }

    /** The campaign as a later publish with another status writes it. */
    public static Campaign republished(Campaign campaign, CampaignStatus status, long version) {
        return new Campaign(campaign.id(), campaign.name(), status, campaign.startsAt(), campaign.endsAt(),
                campaign.zone(), campaign.priority(), campaign.limit(), campaign.rules(), campaign.draw(),
                campaign.rateLimits(), version);
    }

    /** The rain's plan as Redis holds it. */
    public Map<String, String> plan(long campaignId) {
        return redis.hash(String.class).hgetall(keys.rainPlan(campaignId));
    }

    /** One bucket's state hash as Redis holds it. */
    public Map<String, String> bucket(long campaignId, int bucket) {
        return redis.hash(String.class).hgetall(bucketKeys(campaignId, bucket).state());
    }

    /** The keys of a bucket of the campaign's rain, named as its plan in Redis says (plain before it has one). */
    public RedPacketKeys.BucketKeys bucketKeys(long campaignId, int bucket) {
        Map<String, String> plan = plan(campaignId);
        if (plan.isEmpty()) {
            return keys.bucket(campaignId, bucket, 1, false);
        }
        return keys.bucket(campaignId, bucket, Integer.parseInt(plan.get("buckets")), "1".equals(plan.get("spread")));
    }

    /** Packets handed out over the buckets. */
    public long handed(long campaignId, int buckets) {
        long handed = 0;
        for (int b = 0; b < buckets; b++) {
            handed += Long.parseLong(bucket(campaignId, b).getOrDefault("handed", "0"));
        }
        return handed;
    }

    /** What the packets still in the buckets hold, in cents. */
    public long leftCents(long campaignId, int buckets) {
        long cents = 0;
        for (int b = 0; b < buckets; b++) {
            for (String packet : redis.list(String.class).lrange(bucketKeys(campaignId, b).packets(), 0, -1)) {
                cents += Long.parseLong(packet.split(":")[1]);
            }
        }
        return cents;
    }

    /** Every Redis key of the campaign's rain: its plan and its buckets' keys. */
    public List<String> rainKeys(long campaignId) {
        String plan = keys.rainPlan(campaignId);
        String bucket = bucketKeys(campaignId, 0).base();
        List<String> found = new ArrayList<>(redis.key().keys(plan + "*"));
        found.addAll(redis.key().keys(bucket.substring(0, bucket.lastIndexOf(':') + 1) + "*"));
        return found;
    }
}
