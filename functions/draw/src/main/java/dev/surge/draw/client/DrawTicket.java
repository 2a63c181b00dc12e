package dev.surge.draw.client;

import java.util.Optional;
import java.util.Set;

/**
 * What the draw script decided.
 *
 * @param outcome pending, won, lost, sold-out, limited, rate-limited, throttled or failed
 * @param prizeId the prize at stake, when one was picked
 * @param replayed whether this is the stored outcome of an earlier request with the same key
 * @param claimants with a fresh sold-out answer, the users the prize's other draws must still ask Redis for
 *        (empty when the script did not list them)
 */
public record DrawTicket(String outcome, Optional<Long> prizeId, String drawId, boolean replayed,
        Optional<Set<String>> claimants) {

    public static final String PENDING = "pending";
    public static final String WON = "won";
    public static final String LOST = "lost";
    public static final String SOLD_OUT = "sold-out";
    public static final String LIMITED = "limited";
    public static final String THROTTLED = "throttled";
    /** The user is over the campaign's per-user rate limit: nothing was recorded or counted. */
    public static final String RATE_LIMITED = "rate-limited";
    public static final String FAILED = "failed";
    /**
     * The user's stock bucket holds none of the picked prize and the others may: nothing was recorded, and the
     * scripts borrow from the other buckets before drawing again; never an answer.
     */
    static final String BUCKET_EMPTY = "bucket-empty";
}
