package dev.surge.redpacket.client;

import java.util.Optional;

/**
 * What the grab script decided.
 *
 * @param outcome grabbed, repeat, empty, expired or unknown
 * @param grab the caller's share, for grabbed and repeat
 * @param unrecorded whether MySQL may not have the share yet
 */
public record GrabTicket(String outcome, Optional<Grab> grab, boolean unrecorded) {

    public static final String GRABBED = "grabbed";
    public static final String REPEAT = "repeat";
    public static final String EMPTY = "empty";
    public static final String EXPIRED = "expired";
    public static final String UNKNOWN = "unknown";
}
