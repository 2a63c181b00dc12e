package dev.surge.redpacket.client;

import java.util.Optional;

/**
 * What the shake script decided.
 *
 * @param outcome won, none, limited, rate-limited, paused, stopped or unknown
 * @param nextRelease for none: the earliest epoch ms a packet can appear in the bucket, -1 once it is drained
 * @param version the version of the schedule the bucket decided under
 */
public record ShakeTicket(String outcome, Optional<RainWin> win, long nextRelease, long version) {

    public static final String WON = "won";
    public static final String NONE = "none";
    public static final String LIMITED = "limited";
    /** The user is over the campaign's per-user rate limit on shakes: nothing was counted or taken. */
    public static final String RATE_LIMITED = "rate-limited";
    public static final String PAUSED = "paused";
    public static final String STOPPED = "stopped";
    public static final String UNKNOWN = "unknown";
    public static final long DRAINED = -1;
}
