package dev.surge.bench;

import dev.surge.shared.testing.ledger.PacketBooks;

/**
 * The money of every red packet after a run, on MySQL (the tests' {@link PacketBooks}) and Redis: shares adding
 * up to the cent, the splitting rules, one share a user, and every share taken in Redis recorded in MySQL.
 */
final class PacketChecks {

    private PacketChecks() {
    }

    /** Waits up to 20 s for the grabs taken in Redis to be recorded in MySQL. */
    static void settle(Scenario s) {
        Lab.await(40, 500, () -> {
            long pending = 0;
            for (String key : s.lab.scan(Lab.KEY_PREFIX + ":{rp:*}:unrecorded")) {
                if (!key.contains("benchpacket")) {
                    pending += s.lab.redisNumber("scard", key);
                }
            }
            return pending == 0;
        });
    }

    /** Checks every packet; returns the shares taken (MySQL). */
    static long verify(Scenario s) {
        PacketBooks books = new PacketBooks(s.lab.database);
        long packets = books.packets();
        long bad = books.packetsNotAddingUp();
        s.check("every packet's shares add up to its amount, to the cent, in its share count", bad == 0,
                bad + " of " + packets + " packets differ");
        bad = books.sharesBelowOneCent();
        s.check("every share is at least 1 cent", bad == 0, bad + " shares below");
        bad = books.unequalEqualPackets();
        s.check("equal packets differ by at most a cent between shares", bad == 0, bad + " packets");
        bad = books.sharesOverDoubleMean();
        s.check("random shares follow the double-mean rule (each at most twice the mean of what is left)", bad == 0,
                bad + " shares above");
        bad = books.usersWithTwoShares();
        s.check("no user holds two shares of a packet", bad == 0, bad + " (packet, user) pairs");
        long mysqlGrabbed = books.sharesTaken();
        long redisGrabbed = 0;
        long redisLeftCents = 0;
        long missing = 0;
        long missingCents = 0;
        for (PacketBooks.Untaken packet : books.untaken()) {
            String meta = Lab.KEY_PREFIX + ":{rp:" + packet.packetId() + "}";
            String left = s.lab.redis("hget", meta + ":meta", "remaining_cents");
            if (left.isEmpty()) {
                // Committed in MySQL but never queued in Redis: nothing can be grabbed; the refund returns it all.
                missing++;
                missingCents += packet.cents();
                continue;
            }
            redisGrabbed += s.lab.redisNumber("hlen", meta + ":grabs");
            redisLeftCents += Long.parseLong(left);
        }
        s.check("every packet sent is queued in Redis, ready to grab", missing == 0,
                missing + " of " + packets + " packets are in MySQL only (" + missingCents + " cents)");
        s.check("every share taken in Redis is recorded in MySQL", mysqlGrabbed == redisGrabbed,
                redisGrabbed + " taken in Redis, " + mysqlGrabbed + " recorded in MySQL");
        long takenCents = books.centsTaken();
        long sent = books.sentCents();
        long accounted = takenCents + redisLeftCents + missingCents;
        s.check("taken + still in the packets = sent, to the cent", accounted == sent, takenCents + " taken + "
                + redisLeftCents + " left in Redis + " + missingCents + " in packets never queued = " + accounted + ", "
                + sent + " sent");
        return mysqlGrabbed;
    }
}
