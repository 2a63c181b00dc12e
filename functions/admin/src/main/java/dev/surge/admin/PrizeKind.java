package dev.surge.admin;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which ledger a prize won comes from: a draw's grant, a rain packet, or a share of a user's red packet. */
public enum PrizeKind {

    DRAW("draw"), RAIN("rain"), RED_PACKET("red-packet");

    private final String wireName;

    PrizeKind(String wireName) {
        this.wireName = wireName;
    }

    /** The kind as answers and exports write it. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * @throws IllegalArgumentException when the text names no kind
     */
    public static PrizeKind of(String wireName) {
        for (PrizeKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no prize kind " + wireName);
    }
}
