package dev.surge.shared.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Where a raffle's Redis state lives: one bucket (the campaign's own hash tag) or several, each with its own hash
 * tag spread over the cluster's slot ranges, so one viral raffle is not capped by one shard. A user always lands
 * in the same bucket (a stable hash of the user id), and everything a draw must change atomically lives there:
 * the user's record, participation and rate counters, and that bucket's share of each prize's stock.
 */
public record DrawBuckets(List<CampaignKeys> buckets) {

    public DrawBuckets {
        buckets = List.copyOf(buckets);
    }

    public int count() {
        return buckets.size();
    }

    public CampaignKeys bucket(int index) {
        return buckets.get(index);
    }

    /** The bucket a user's draws go to. */
    public int of(String userId) {
        if (buckets.size() == 1) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(userId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % buckets.size());
    }

    public CampaignKeys home(String userId) {
        return buckets.get(of(userId));
    }
}
