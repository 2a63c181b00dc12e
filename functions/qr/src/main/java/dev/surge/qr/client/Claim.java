package dev.surge.qr.client;

/**
 * What the allocation script did for one request.
 *
 * @param state {@link #POOLED} (taken from the pool), {@link #MINTED} (a code made on the spot), {@link #REPLAYED}
 *        (the request already holds a code), {@link #EMPTY} (no code in the pool), {@link #RATE_LIMITED} (the user
 *        is over the campaign's per-user rate limit) or {@link #CAPPED} (the user has had the pool's daily cap)
 * @param fingerprint the fingerprint of the body that holds the code
 * @param unrecorded whether MySQL has yet to confirm the binding
 * @param level codes left in the pool
 */
public record Claim(String state, String requestId, String imageUrl, String fingerprint, boolean unrecorded, long level) {

    public static final String POOLED = "pooled";
    public static final String MINTED = "minted";
    public static final String REPLAYED = "replayed";
    public static final String EMPTY = "empty";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String CAPPED = "capped";

    public boolean empty() {
        return EMPTY.equals(state);
    }
}
