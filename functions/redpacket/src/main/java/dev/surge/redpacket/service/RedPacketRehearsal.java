package dev.surge.redpacket.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.PacketRow;
import dev.surge.redpacket.RainPlan;
import dev.surge.redpacket.ShareRow;
import dev.surge.redpacket.redis.PacketStore;
import dev.surge.shared.rules.CampaignVerdict;
import dev.surge.shared.warmup.HotPathRehearsal;

/**
 * The grab and the shake at start-up, through the services' own code below their metrics, against keys no real
 * packet or rain uses. The grab runs the grab script on a packet of this start only, queued with every share
 * already held (as if rebuilt from MySQL): holders are answered their share, latecomers "empty", and nothing
 * reaches MySQL. The shake runs in a rain of campaign 0 (never a real campaign) that Redis holds no bucket of, so
 * each bucket answers once from the script and from memory after. The packet's keys expire within a minute.
 */
@ApplicationScoped
public class RedPacketRehearsal implements HotPathRehearsal {

    /** Users holding a share of the rehearsal packet; the others come too late. */
    private static final int HOLDERS = 64;
    private static final Duration LIFETIME = Duration.ofMinutes(1);
    private static final long CAMPAIGN = 0;
    /** Many buckets, so the shake script runs for most rounds before memory answers them. */
    private static final int BUCKETS = 1024;

    /** Campaign 0 has no rules to read. */
    private static final Supplier<Uni<Optional<CampaignVerdict>>> ADMITTED = () -> Uni.createFrom().item(Optional.empty());

    private final RedPacketService packets;
    private final RainService rain;
    private final Clock clock;
    private final String packetId = packetId();
    private final Uni<Boolean> queued;
    private final RainPlan plan;

    public RedPacketRehearsal(RedPacketService packets, RainService rain, PacketStore store, Clock clock) {
        this.packets = packets;
        this.rain = rain;
        this.clock = clock;
        // Queued once, by the first round that needs it, then shared by all.
        this.queued = Uni.createFrom().deferred(() -> queue(store)).memoize().indefinitely();
        this.plan = RainPlan.of(CAMPAIGN, clock.millis(), 1, BUCKETS, 1, BUCKETS);
    }

    /**
     * A packet id no send makes: sends use random (version 4) UUIDs, whose 13th hex digit is always 4; here it
     * is 0. Unique per start, so instances starting together never share a rehearsal packet.
     */
    static String packetId() {
        String random = UUID.randomUUID().toString().replace("-", "");
        return random.substring(0, 12) + "0" + random.substring(13);
    }

    @Override
    public Uni<Void> rehearse(int round) {
        String user = round % 2 == 0 ? holder(round / 2 % HOLDERS) : "rehearsal-late-" + round;
        Uni<Void> grab = queued.flatMap(q -> packets.take(packetId, user, clock.instant())).replaceWithVoid();
        Uni<Void> shake = rain.shakeIn(plan, "rehearsal-" + round, clock.millis(), null, ADMITTED).replaceWithVoid();
        return Uni.combine().all().unis(grab, shake).collectFailures().discardItems();
    }

    private Uni<Boolean> queue(PacketStore store) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant gone = now.plus(LIFETIME);
        PacketRow packet = new PacketRow(packetId, "rehearsal", "rehearsal", PacketRow.EQUAL, HOLDERS, HOLDERS, null,
                PacketRow.OPEN, null, now, gone);
        List<ShareRow> shares = new ArrayList<>(HOLDERS);
        for (int seq = 0; seq < HOLDERS; seq++) {
            shares.add(new ShareRow(seq, 1, holder(seq), now));
        }
        return store.queue(packet, shares, gone);
    }

    private static String holder(int seq) {
        return "rehearsal-holder-" + seq;
    }
}
