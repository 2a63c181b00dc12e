package dev.surge.qr;

/** The upstream answered with an error code other than its rate limit. */
public class UpstreamRefused extends RuntimeException {

    private final int errcode;

    public UpstreamRefused(int errcode, String errmsg) {
        super("upstream refused (" + errcode + "): " + errmsg, null, false, false);
        this.errcode = errcode;
    }

    public int errcode() {
        return errcode;
    }
}
