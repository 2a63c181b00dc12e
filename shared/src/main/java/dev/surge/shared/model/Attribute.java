package dev.surge.shared.model;

/** One attribute of a request and where it came from. */
public record Attribute<T>(T value, AttributeSource source) {

    /** The client's word for it; null when the body does not say. */
    public static <T> Attribute<T> fromBody(T value) {
        return value == null ? null : new Attribute<>(value, AttributeSource.BODY);
    }

    public static <T> Attribute<T> signed(T value) {
        return new Attribute<>(value, AttributeSource.SIGNED);
    }

    public boolean trusted() {
        return source.trusted();
    }
}
