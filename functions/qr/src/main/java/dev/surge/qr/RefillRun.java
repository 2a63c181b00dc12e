package dev.surge.qr;

import java.util.List;

/** What a refill run did, pool by pool. */
public record RefillRun(List<RefilledPool> pools) {
}
