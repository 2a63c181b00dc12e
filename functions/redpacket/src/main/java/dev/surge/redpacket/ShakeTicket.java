package dev.surge.redpacket;

import java.util.Optional;

/**
 * What the shake script decided.
 *
 * @param nextRelease for none: the earliest epoch ms a packet can appear in the bucket, {@link #DRAINED} once it is
 *        drained
 * @param version the version of the schedule the bucket decided under
 */
public record ShakeTicket(ShakeTicketOutcome outcome, Optional<RainWin> win, long nextRelease, long version) {

    public static final long DRAINED = -1;
}
