package dev.surge.qr.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import dev.surge.qr.redis.NodeNumberStore;

/**
 * Request ids: 26 lowercase Crockford base32 characters (within the upstream's 32-character scene), laid out
 * Snowflake-style, most significant first:
 *
 * <pre>
 *   milliseconds of the app clock (10 chars, 50 bits) | node (6, 30 bits) | sequence (4, 20 bits) | random (6, 30 bits)
 * </pre>
 *
 * Why this shape: ids sort by creation time (as text too, the width being fixed), and they are collision-free
 * by construction rather than by luck, as a random UUID or a ULID would be. The node number comes from a Redis
 * INCR when the instance starts, so no two instances ever share one; within a node, the sequence makes every
 * (millisecond, sequence) pair unique, and when a millisecond runs out of sequence numbers (or the clock steps
 * back), the node borrows the next millisecond instead of waiting. No coordination per id. The random tail
 * makes ids unguessable, since anyone who scans may resolve one. Node numbers wrap after 2^30 start-ups; the
 * instance that had the number before has been gone for ages by then.
 */
@ApplicationScoped
public class RequestIds {

    public static final int LENGTH = 26;
    private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-hjkmnp-tv-z]{" + LENGTH + "}");
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final long NODE_MASK = (1L << 30) - 1;
    private static final long LAST_SEQUENCE = (1L << 20) - 1;
    private static final Logger LOG = Logger.getLogger(RequestIds.class);

    private final NodeNumberStore nodeNumbers;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong node = new AtomicLong(-1);
    private long lastMillis = -1;
    private long sequence;

    public RequestIds(NodeNumberStore nodeNumbers, Clock clock) {
        this.nodeNumbers = nodeNumbers;
        this.clock = clock;
    }

    /** Takes the node number while the function initialises; a failure here is retried on first use. */
    void warmUp(@Observes StartupEvent event) {
        node().subscribe()
                .with(n -> LOG.debugf("request id node %d", n),
                        failure -> LOG.warnf("no request id node yet: %s", failure.toString()));
    }

    public Uni<String> next() {
        return node().map(this::next);
    }

    public static boolean wellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    /** The node number, taken once; concurrent first callers may each take one, and all keep the first. */
    Uni<Long> node() {
        long known = node.get();
        if (known >= 0) {
            return Uni.createFrom().item(known);
        }
        return nodeNumbers.register().map(taken -> {
            node.compareAndSet(-1, taken & NODE_MASK);
            return node.get();
        });
    }

    String next(long nodeNumber) {
        long millis;
        long seq;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                sequence = 0;
            } else if (sequence == LAST_SEQUENCE) {
                lastMillis++;
                sequence = 0;
            } else {
                sequence++;
            }
            millis = lastMillis;
            seq = sequence;
        }
        StringBuilder id = new StringBuilder(LENGTH);
        base32(id, millis, 10);
        base32(id, nodeNumber, 6);
        base32(id, seq, 4);
        base32(id, random.nextInt(1 << 30), 6);
        return id.toString();
    }

    private static void base32(StringBuilder out, long value, int chars) {
        for (int i = chars - 1; i >= 0; i--) {
            out.append(ALPHABET[(int) ((value >>> (5 * i)) & 31)]);
        }
    }
}
