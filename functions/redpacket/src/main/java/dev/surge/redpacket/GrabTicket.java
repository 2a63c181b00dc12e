package dev.surge.redpacket;

import java.util.Optional;

/**
 * What the grab script decided.
 *
 * @param grab the caller's share, for grabbed and repeat
 * @param unrecorded whether MySQL may not have the share yet
 */
public record GrabTicket(GrabTicketOutcome outcome, Optional<Grab> grab, boolean unrecorded) {
}
