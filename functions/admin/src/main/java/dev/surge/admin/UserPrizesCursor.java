package dev.surge.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in a user's prizes, newest first: the time, then the ledger (draws, rain, red packets), then the row's
 * key in that ledger. Opaque to callers: they hand back the {@code next} a page answered.
 *
 * @param atMillis when the prize was won, in epoch milliseconds
 * @param ledger the ledger the prize comes from; ledgers of one moment are listed in their declared order
 * @param number the grant id, the rain's campaign id, or the share's sequence number
 * @param sequence the rain packet's sequence number, or the share's sequence number; 0 for a grant
 * @param packet the red packet's id; empty otherwise
 */
public record UserPrizesCursor(long atMillis, Ledger ledger, long number, long sequence, String packet) {

    /** The ledgers of a user's prizes, in the order prizes of one moment are listed (the cursor's digit 0, 1, 2). */
    public enum Ledger {
        DRAWS, RAIN, RED_PACKETS
    }

    /** Newest first; within one moment by ledger, then by key, as the ledgers' queries order them. */
    public static final Comparator<UserPrizesCursor> ORDER = Comparator.comparingLong(UserPrizesCursor::atMillis)
            .reversed()
            .thenComparing(UserPrizesCursor::ledger)
            .thenComparingLong(UserPrizesCursor::number)
            .thenComparing(UserPrizesCursor::packet)
            .thenComparingLong(UserPrizesCursor::sequence);

    private static final Pattern TEXT = Pattern.compile("p1:(\\d{1,15}):([012]):(\\d{1,19}):(\\d{1,10}):([A-Za-z0-9_-]{0,32})");

    public String encode() {
        String text = "p1:" + atMillis + ":" + ledger.ordinal() + ":" + number + ":" + sequence + ":" + packet;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @throws IllegalArgumentException when the text is no cursor this API handed out
     */
    public static UserPrizesCursor decode(String cursor) {
        try {
            Matcher m = TEXT.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
            if (!m.matches()) {
                throw new IllegalArgumentException("not a cursor of this list");
            }
            return new UserPrizesCursor(Long.parseLong(m.group(1)), Ledger.values()[Integer.parseInt(m.group(2))],
                    Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), m.group(5));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this list");
        }
    }
}
