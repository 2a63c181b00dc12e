package dev.surge.draw.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.draw.config.DrawConfig;

/**
 * The draw's two local decisions, the interception and the weighted pick, taken from a keyed hash instead of a
 * random number, so every instance decides a request the same way without asking Redis:
 * <ul>
 * <li>the interception hashes (campaign, user, time slot): a user's draws in one slot are all intercepted or all
 * let through, so a retry with a fresh key cannot re-roll it; a repeated key in the same slot gets the same
 * answer. In the first seconds of a slot a user let through in the previous slot is still let through, so a
 * winner's retry across the boundary still reaches its record.</li>
 * <li>the pick hashes (campaign, user, idempotency key): a repeated request picks the same prize, so it meets the
 * same local sold-out memory and the same record; its draw id is derived the same way.</li>
 * </ul>
 * The secret keeps both unpredictable to callers, who could otherwise choose keys that pick a prize.
 */
@ApplicationScoped
public class DrawDecisions {

    private static final String ALGORITHM = "HmacSHA256";
    private static final double UNIT = 0x1.0p-53;

    private final SecretKeySpec secret;
    private final long slotMillis;
    private final long graceMillis;
    private final ThreadLocal<Mac> macs;

    public DrawDecisions(DrawConfig config) {
        this.secret = new SecretKeySpec(config.decisionSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.slotMillis = config.interceptionSlot().toMillis();
        this.graceMillis = config.interceptionGrace().toMillis();
        this.macs = ThreadLocal.withInitial(this::mac);
    }

    /** Whether this user's draws in the campaign are turned away at once at {@code now}. */
    public boolean intercepted(long campaignId, String userId, double ratio, Instant now) {
        if (ratio <= 0) {
            return false;
        }
        long at = now.toEpochMilli();
        long slot = Math.floorDiv(at, slotMillis);
        if (!interceptedIn(campaignId, userId, ratio, slot)) {
            return false;
        }
        boolean inGrace = at - slot * slotMillis < graceMillis;
        return !inGrace || interceptedIn(campaignId, userId, ratio, slot - 1);
    }

    /** A uniform integer in [0, bound) for this request's weighted pick. */
    public long pick(long campaignId, String userId, String idempotencyKey, long bound) {
        return Math.floorMod(hash('p', campaignId, userId, idempotencyKey), bound);
    }

    /**
     * The draw id of a request: derived, not random, so an answer given here (sold out from memory) and one
     * given by Redis or its record name the same draw.
     */
    public String drawId(long campaignId, String userId, String idempotencyKey) {
        long high = hash('d', campaignId, userId, idempotencyKey);
        long low = hash('e', campaignId, userId, idempotencyKey);
        // The version (4) and variant bits of a random UUID, which it is indistinguishable from.
        high = (high & ~0xF000L) | 0x4000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private boolean interceptedIn(long campaignId, String userId, double ratio, long slot) {
        long bits = hash('i', campaignId, userId, Long.toString(slot)) >>> 11;
        return bits * UNIT < ratio;
    }

    private long hash(char purpose, long campaignId, String userId, String salt) {
        Mac mac = macs.get();
        mac.update((byte) purpose);
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(0, campaignId));
        byte[] user = userId.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, user.length));
        mac.update(user);
        mac.update(salt.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(mac.doFinal()).getLong();
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + ALGORITHM, e);
        }
    }
}
