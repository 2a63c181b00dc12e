package dev.surge.redpacket;

import java.time.Instant;

/**
 * A share taken by a user, as the grab script recorded it ("seq:amount:atMillis" under the user's id).
 *
 * @param at when the grab happened, by the application clock
 */
public record Grab(String userId, int seq, long amountCents, Instant at) {

    public static Grab parse(String userId, String record) {
        String[] parts = record.split(":", 3);
        return new Grab(userId, Integer.parseInt(parts[0]), Long.parseLong(parts[1]),
                Instant.ofEpochMilli(Long.parseLong(parts[2])));
    }

    public String wire() {
        return seq + ":" + amountCents + ":" + at.toEpochMilli();
    }
}
