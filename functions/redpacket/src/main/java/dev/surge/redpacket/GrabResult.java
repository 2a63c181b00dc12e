package dev.surge.redpacket;

/**
 * How a grab ended.
 *
 * @param amountCents the caller's share, for grabbed
 * @param repeat whether the caller had taken the share before
 */
public record GrabResult(String packetId, GrabOutcome outcome, Long amountCents, boolean repeat, String message) {
}
