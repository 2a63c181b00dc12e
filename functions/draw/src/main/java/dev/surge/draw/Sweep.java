package dev.surge.draw;

/** What one sweep of the pending draws did. */
public record Sweep(int confirmed, int voided) {

    public static final Sweep NONE = new Sweep(0, 0);

    public Sweep plus(Sweep other) {
        return new Sweep(confirmed + other.confirmed, voided + other.voided);
    }
}
