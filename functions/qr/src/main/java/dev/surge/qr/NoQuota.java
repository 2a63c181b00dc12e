package dev.surge.qr;

/** The upstream refused a code for its rate limit (WeChat errcode 45009): no code can be made this minute. */
public class NoQuota extends RuntimeException {

    public NoQuota(String message) {
        super(message, null, false, false);
    }
}
