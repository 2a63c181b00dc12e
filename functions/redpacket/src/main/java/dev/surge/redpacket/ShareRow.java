package dev.surge.redpacket;

import java.time.Instant;

/**
 * One share of a packet as MySQL holds it.
 *
 * @param grabbedBy the user who took it, null while untaken
 */
public record ShareRow(int seq, long amountCents, String grabbedBy, Instant grabbedAt) {

    /** The share as the Redis queue lists it. */
    public String wire() {
        return seq + ":" + amountCents;
    }
}
