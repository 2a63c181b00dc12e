package dev.surge.redpacket;

/**
 * How a shake ended.
 *
 * @param amountCents what the packet won holds, for won
 * @param packet the number of the packet won, for the caller's records
 * @param rule for closed and ineligible: the check that refused (status, campaign-window, block-list...)
 */
public record ShakeResult(ShakeOutcome outcome, Long amountCents, Integer packet, String message, String rule) {
}
