package dev.surge.shared.model;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A degrade switch of a campaign: an operator's brake on one hot path that keeps the campaign online but answers
 * that path cheaply and honestly, without touching stock or money. Published with the campaign, so every
 * function sees a change at its next catalog revalidation.
 */
public enum Degrade {

    /** Every draw is answered "not this time", as interception would; nothing is taken. */
    DRAWS_NOT_THIS_TIME("draws-not-this-time"),
    /** Every shake is answered "none"; the rain's packets stay where they are. */
    SHAKES_NONE("shakes-none"),
    /** QR allocation for the campaign's pools answers the shared landing page instead of a code. */
    QR_LANDING_PAGE("qr-landing-page"),
    /** Red packets cannot be sent in the campaign; packets already sent can still be grabbed. */
    RED_PACKET_SENDS_CLOSED("red-packet-sends-closed");

    private final String wireName;

    Degrade(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The switch of that wire name, if there is one. */
    public static Optional<Degrade> named(String value) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(value)).findFirst();
    }

    @JsonCreator
    public static Degrade fromWire(String value) {
        return named(value).orElseThrow(() -> new IllegalArgumentException("no degrade switch " + value));
    }
}
