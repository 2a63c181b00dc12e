package dev.surge.draw;

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
public record DrawTicket(TicketOutcome outcome, Optional<Long> prizeId, String drawId, boolean replayed,
        Optional<Set<String>> claimants) {
}
