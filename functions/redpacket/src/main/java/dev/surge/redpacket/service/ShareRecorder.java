package dev.surge.redpacket.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.Grab;
import dev.surge.redpacket.RainPlan;
import dev.surge.redpacket.RainWin;
import dev.surge.redpacket.Recorded;
import dev.surge.redpacket.redis.PacketStore;
import dev.surge.redpacket.redis.RainStore;
import dev.surge.redpacket.repository.PacketLedger;
import dev.surge.redpacket.repository.RainLedger;

/**
 * Makes a share taken in Redis durable: writes it into MySQL, then clears its unrecorded mark. The same two
 * steps serve the hot path and the jobs that replay what the hot path could not finish; both are idempotent,
 * so a replay racing the original is harmless. A conflict (MySQL says someone else holds the share) keeps the
 * mark, for an operator: it means an invariant broke, and silently dropping it would hide that.
 */
@ApplicationScoped
public class ShareRecorder {

    private static final Logger LOG = Logger.getLogger(ShareRecorder.class);

    private final PacketLedger packets;
    private final RainLedger rains;
    private final PacketStore packetStore;
    private final RainStore rainStore;
    private final RedPacketMetrics metrics;

    public ShareRecorder(PacketLedger packets, RainLedger rains, PacketStore packetStore, RainStore rainStore,
            RedPacketMetrics metrics) {
        this.packets = packets;
        this.rains = rains;
        this.packetStore = packetStore;
        this.rainStore = rainStore;
        this.metrics = metrics;
    }

    /** Records a grab; fails when MySQL (or clearing the mark) does, leaving the grab marked for a replay. */
    public Uni<Recorded> grab(String packetId, Grab grab) {
        return packets.record(packetId, grab).call(recorded -> {
            metrics.recorded("grab", recorded.name().toLowerCase());
            if (recorded == Recorded.CONFLICT) {
                LOG.errorf("packet %s: MySQL holds share %d for someone other than %s", packetId, grab.seq(),
                        grab.userId());
                return Uni.createFrom().voidItem();
            }
            return packetStore.recorded(packetId, grab.userId());
        }).onFailure().invoke(failure -> metrics.recorded("grab", "failed"));
    }

    /**
     * Records a grab from the hot path: marks the packet for the settle job at the same time as it writes, so
     * a function that dies after its grab script leaves a trace the settle job follows.
     */
    public Uni<Recorded> freshGrab(String packetId, Grab grab, Instant now) {
        Uni<Void> mark = packetStore.markUnrecorded(packetId, now).onFailure().recoverWithNull();
        // Both run to their end: a failed write must not cancel the mark it relies on.
        return Uni.combine().all().unis(mark, grab(packetId, grab)).collectFailures().with((marked, recorded) -> recorded);
    }

    /** Records a rain win; fails when MySQL (or clearing the mark) does, leaving the win for a replay. */
    public Uni<Recorded> win(RainPlan plan, RainWin win) {
        return rains.record(win).call(recorded -> {
            metrics.recorded("win", recorded.name().toLowerCase());
            if (recorded == Recorded.CONFLICT) {
                LOG.errorf("rain %d: MySQL holds packet %d for someone other than %s", win.campaignId(), win.seq(),
                        win.userId());
                return Uni.createFrom().voidItem();
            }
            return rainStore.recorded(plan, win);
        }).onFailure().invoke(failure -> metrics.recorded("win", "failed"));
    }
}
