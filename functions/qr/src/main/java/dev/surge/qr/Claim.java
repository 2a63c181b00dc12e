package dev.surge.qr;

/**
 * What the allocation script did for one request.
 *
 * @param state what it did; only a state that {@linkplain ClaimState#holdsCode() holds a code} has the rest
 * @param fingerprint the fingerprint of the body that holds the code
 * @param unrecorded whether MySQL has yet to confirm the binding
 * @param level codes left in the pool
 */
public record Claim(ClaimState state, String requestId, String imageUrl, String fingerprint, boolean unrecorded,
        long level) {

    public boolean empty() {
        return state == ClaimState.EMPTY;
    }
}
