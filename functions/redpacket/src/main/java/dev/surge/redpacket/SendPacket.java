package dev.surge.redpacket;

/**
 * A packet to send, as its sender asks for it; limits from configuration are checked by the service.
 *
 * @param mode random (double-mean shares) or equal
 * @param expiresInSeconds how long the packet stays open; the configured default when absent
 * @param campaignId the campaign the packet is sent in, if any
 */
public record SendPacket(long amountCents, int count, String mode, String greeting, Long expiresInSeconds,
        Long campaignId) {

    /** A packet sent outside any campaign. */
    public SendPacket(long amountCents, int count, String mode, String greeting, Long expiresInSeconds) {
        this(amountCents, count, mode, greeting, expiresInSeconds, null);
    }
}
