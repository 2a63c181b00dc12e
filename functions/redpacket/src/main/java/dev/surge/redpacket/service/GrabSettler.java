package dev.surge.redpacket.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.Grab;
import dev.surge.redpacket.RainPlan;
import dev.surge.redpacket.RainWin;
import dev.surge.redpacket.Recorded;
import dev.surge.redpacket.Settled;
import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.redis.PacketStore;
import dev.surge.redpacket.redis.RainStore;
import dev.surge.redpacket.repository.RainLedger;
import dev.surge.redpacket.repository.RainRow;

/**
 * Replays into MySQL every grab and rain win that Redis holds but MySQL may not: those whose write failed or
 * timed out, and those of a function that died between its Redis script and its MySQL write. Packets are
 * found through the marks the hot path leaves; rain wins through the buckets of recent rains. Every write is
 * idempotent, so this may run as often, and on as many instances, as anyone likes.
 */
@ApplicationScoped
public class GrabSettler {

    private static final Logger LOG = Logger.getLogger(GrabSettler.class);

    private final PacketStore packetStore;
    private final RainStore rainStore;
    private final RainLedger rains;
    private final ShareRecorder recorder;
    private final RedPacketConfig config;
    private final RedPacketMetrics metrics;
    private final Clock clock;

    public GrabSettler(PacketStore packetStore, RainStore rainStore, RainLedger rains, ShareRecorder recorder,
            RedPacketConfig config, RedPacketMetrics metrics, Clock clock) {
        this.packetStore = packetStore;
        this.rainStore = rainStore;
        this.rains = rains;
        this.recorder = recorder;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(every = "${surge.redpacket.settle-every}", delayed = "${surge.redpacket.settle-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return settle().onFailure()
                .invoke(e -> LOG.warnf("unrecorded grabs not settled this round: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** One run; packets and rains are settled independently, so one side failing does not hold up the other. */
    public Uni<Settled> settle() {
        Instant now = clock.instant();
        Instant before = now.minus(config.settleAfter());
        return packets(before).onFailure()
                .recoverWithItem(failure -> unfinished("packets", failure))
                .flatMap(p -> rains(now, before).onFailure()
                        .recoverWithItem(failure -> unfinished("rains", failure))
                        .map(p::plus))
                .invoke(settled -> metrics.settled(settled.grabs(), settled.wins(), settled.failed()));
    }

    private static Settled unfinished(String what, Throwable failure) {
        LOG.debugf("%s not settled this round: %s", what, failure.toString());
        return new Settled(0, 0, 1);
    }

    private Uni<Settled> packets(Instant markedBefore) {
        return packetStore.markedBefore(markedBefore, config.settleBatch())
                .flatMap(marked -> sum(Multi.createFrom()
                        .iterable(marked)
                        .onItem()
                        .transformToUniAndConcatenate(mark -> packet(mark.value(), mark.score()))));
    }

    /** Replays a packet's unrecorded grabs; its mark goes only when all are in (and it was not marked again). */
    private Uni<Settled> packet(String packetId, double markedAt) {
        return packetStore.unrecorded(packetId, false)
                .flatMap(unrecorded -> replay(packetId, unrecorded.grabs()))
                .call(settled -> settled.failed() == 0 ? packetStore.forget(packetId, markedAt) : Uni.createFrom().voidItem())
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.debugf("packet %s not settled: %s", packetId, failure.toString());
                    return new Settled(0, 0, 1);
                });
    }

    /** Writes each grab; used by the refund job too, before it counts what was taken. */
    Uni<Settled> replay(String packetId, List<Grab> grabs) {
        return sum(Multi.createFrom()
                .iterable(grabs)
                .onItem()
                .transformToUniAndConcatenate(grab -> recorder.grab(packetId, grab)
                        .map(GrabSettler::grabSettled)
                        .onFailure()
                        .recoverWithItem(new Settled(0, 0, 1))));
    }

    private Uni<Settled> rains(Instant now, Instant wonBefore) {
        return rains.startedSince(now.minus(config.rain().settleWindow()))
                .flatMap(recent -> sum(Multi.createFrom()
                        .iterable(recent)
                        .onItem()
                        .transformToMultiAndConcatenate(rain -> Multi.createFrom()
                                .range(0, rain.buckets())
                                .onItem()
                                .transformToUniAndConcatenate(bucket -> bucket(rain, bucket, wonBefore)))));
    }

    private Uni<Settled> bucket(RainRow rain, int bucket, Instant wonBefore) {
        // The plan names the buckets' keys; the plan and its buckets live and expire together.
        return rainStore.plan(rain.campaignId())
                .flatMap(
                        plan -> plan.isEmpty() ? Uni.createFrom().item(Settled.NOTHING) : bucket(plan.get(), bucket, wonBefore))
                .onFailure()
                .recoverWithItem(new Settled(0, 0, 1));
    }

    private Uni<Settled> bucket(RainPlan plan, int bucket, Instant wonBefore) {
        return rainStore.unrecorded(plan, bucket)
                .flatMap(wins -> sum(Multi.createFrom()
                        .iterable(wins)
                        .select()
                        .where(win -> !win.at().isAfter(wonBefore))
                        .onItem()
                        .transformToUniAndConcatenate(win -> recorder.win(plan, win)
                                .map(recorded -> winSettled(win, recorded))
                                .onFailure()
                                .recoverWithItem(new Settled(0, 0, 1)))))
                .onFailure()
                .recoverWithItem(new Settled(0, 0, 1));
    }

    private static Settled grabSettled(Recorded recorded) {
        return switch (recorded) {
            case NOW -> new Settled(1, 0, 0);
            case BEFORE -> Settled.NOTHING;
            case CONFLICT -> new Settled(0, 0, 1);
        };
    }

    private static Settled winSettled(RainWin win, Recorded recorded) {
        return switch (recorded) {
            case NOW -> new Settled(0, 1, 0);
            case BEFORE -> Settled.NOTHING;
            case CONFLICT -> new Settled(0, 0, 1);
        };
    }

    private static Uni<Settled> sum(Multi<Settled> parts) {
        return parts.collect().in(() -> new Settled[]{Settled.NOTHING}, (acc, s) -> acc[0] = acc[0].plus(s)).map(acc -> acc[0]);
    }
}
