package dev.surge.admin;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a winner event says happened, as its {@code type} names it (docs/events.schema.json). */
public enum WinnerEventType {

    PRIZE_GRANTED("prize.granted"), RAIN_WON("rain.won"), SHARE_TAKEN("red-packet.share-taken"), PACKET_REFUNDED(
            "red-packet.refunded");

    private final String wireName;

    WinnerEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The type as events, message attributes and metrics carry it. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * @throws IllegalArgumentException when the text names no event type
     */
    public static WinnerEventType of(String wireName) {
        for (WinnerEventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no winner event type " + wireName);
    }
}
