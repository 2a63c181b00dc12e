package dev.surge.redpacket.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.Refunds;
import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.redis.PacketStore;
import dev.surge.redpacket.repository.PacketLedger;

/**
 * Refunds what nobody took once a packet expires, exactly once. For each expired packet (from MySQL): close it
 * in Redis, atomically with reading its unrecorded grabs, so no grab can succeed after; write those grabs into
 * MySQL; and only when every grab is in, refund in one MySQL transaction (amount minus the taken shares, and
 * only while the packet is still open). A packet whose close or replay fails waits for the next run. Two runs
 * at once still refund once: the second finds the packet no longer open.
 */
@ApplicationScoped
public class PacketRefunder {

    private static final Logger LOG = Logger.getLogger(PacketRefunder.class);

    private final PacketLedger ledger;
    private final PacketStore store;
    private final GrabSettler settler;
    private final RedPacketMetrics metrics;
    private final RedPacketConfig config;
    private final Clock clock;

    public PacketRefunder(PacketLedger ledger, PacketStore store, GrabSettler settler, RedPacketMetrics metrics,
            RedPacketConfig config, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.settler = settler;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${surge.redpacket.refund-every}", delayed = "${surge.redpacket.refund-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refund().onFailure()
                .invoke(e -> LOG.warnf("expired packets not refunded this round: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    public Uni<Refunds> refund() {
        Instant now = clock.instant();
        return ledger.due(now, config.refundBatch())
                .flatMap(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(packetId -> refund(packetId, now))
                        .collect()
                        .in(() -> new Refunds[]{Refunds.NOTHING}, (acc, r) -> acc[0] = acc[0].plus(r))
                        .map(acc -> acc[0]));
    }

    private Uni<Refunds> refund(String packetId, Instant now) {
        return store.unrecorded(packetId, true)
                .flatMap(unrecorded -> settler.replay(packetId, unrecorded.grabs()))
                .flatMap(replayed -> {
                    if (replayed.failed() > 0) {
                        return Uni.createFrom().item(new Refunds(0, 0, 1));
                    }
                    return ledger.refund(packetId, now).flatMap(refund -> refunded(packetId, refund));
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.debugf("packet %s not refunded this round: %s", packetId, failure.toString());
                    return new Refunds(0, 0, 1);
                });
    }

    private Uni<Refunds> refunded(String packetId, Optional<Long> refund) {
        if (refund.isEmpty()) {
            return Uni.createFrom().item(Refunds.NOTHING);
        }
        long cents = refund.get();
        metrics.refunded(cents);
        // MySQL holds the refund; showing it in Redis is for details only, so a failure here changes nothing.
        return store.refunded(packetId, cents).onFailure().recoverWithNull().replaceWith(new Refunds(1, cents, 0));
    }
}
