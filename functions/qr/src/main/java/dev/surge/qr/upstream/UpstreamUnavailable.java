package dev.surge.qr.upstream;

/** The upstream could not be reached or answered outside its protocol. */
public class UpstreamUnavailable extends RuntimeException {

    public UpstreamUnavailable(String message) {
        super(message, null, false, false);
    }
}
