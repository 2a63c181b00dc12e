package dev.surge.qr;

/** A code ready to hand out, as it sits in a pool. */
public record PooledCode(String requestId, String imageUrl) {

    /** Request ids never hold '|', so the image URL may. */
    public static String member(String requestId, String imageUrl) {
        return requestId + "|" + imageUrl;
    }

    public String member() {
        return member(requestId, imageUrl);
    }

    public static PooledCode parse(String member) {
        int bar = member.indexOf('|');
        return new PooledCode(member.substring(0, bar), member.substring(bar + 1));
    }
}
