package dev.surge.redpacket;

import java.time.Instant;

/**
 * A rain to start. Each packet holds either {@code amountCents}, or a uniform amount in
 * [{@code minCents}, {@code maxCents}]; limits from configuration are checked by the service.
 *
 * @param ratePerSecond packets released per second over the whole rain
 * @param startsAt when release begins; now when absent
 * @param buckets how many buckets packets and shakers are spread over
 * @param perUserMax most packets one user may win in this rain
 */
public record StartRain(int totalPackets, Long amountCents, Long minCents, Long maxCents, int ratePerSecond,
        Instant startsAt, int buckets, int perUserMax) {
}
