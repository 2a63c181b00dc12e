package dev.surge.shared.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Life cycle of a campaign. Only an online campaign admits anyone. */
public enum CampaignStatus {

    DRAFT, ONLINE, PAUSED, ENDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static CampaignStatus fromWire(String value) {
        return valueOf(value.trim().toUpperCase());
    }
}
