package dev.surge.qr;

/** The kinds of code a pool can hold. */
public enum CodeKind {

    /** A WeChat mini-program code made by the upstream API, rate limited for the whole fleet. */
    WXACODE("wxacode"),
    /** A plain QR code for one of our own landing URLs, rendered in-process, without limit. */
    PLAIN("plain");

    private final String wire;

    CodeKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
