package dev.surge.qr;

/** The image of a code as its issuer made it. */
public record IssuedImage(byte[] bytes, String contentType) {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";

    /** The file extension that goes with the content type. */
    public String extension() {
        return JPEG.equals(contentType) ? "jpg" : "png";
    }
}
