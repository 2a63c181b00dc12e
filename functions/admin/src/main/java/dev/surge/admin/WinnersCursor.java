package dev.surge.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a winners export goes on: after a draw grant's id, or after a rain win's sequence number (draw grants come
 * first, then the rain's wins). Opaque to callers: they hand back what the previous page gave them.
 *
 * @param after the last grant id (draws) or rain sequence (rain) already exported; -1 before the rain's first
 */
public record WinnersCursor(Source source, long after) {

    /** The two ledgers of a campaign's winners, in export order. */
    public enum Source {
        DRAWS, RAIN
    }

    /** Before the first winner. */
    public static final WinnersCursor START = new WinnersCursor(Source.DRAWS, 0);

    private static final Pattern TEXT = Pattern.compile("w1:([dr]):(-?\\d{1,19})");

    public String encode() {
        String text = "w1:" + (source == Source.DRAWS ? "d" : "r") + ":" + after;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @throws IllegalArgumentException when the text is no cursor this export handed out
     */
    public static WinnersCursor decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor of this export");
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a cursor of this export");
        }
        long after;
        try {
            after = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this export");
        }
        Source source = m.group(1).equals("d") ? Source.DRAWS : Source.RAIN;
        if (after < (source == Source.DRAWS ? 0 : -1)) {
            throw new IllegalArgumentException("not a cursor of this export");
        }
        return new WinnersCursor(source, after);
    }
}
