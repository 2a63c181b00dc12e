package dev.surge.shared.redis;

import java.time.LocalDate;

/** Keys of one campaign; all share the campaign's hash tag. */
public record CampaignKeys(String base) {

    /** Field of a participation hash counting the whole campaign. */
    public static final String TOTAL_FIELD = "total";

    /** The published snapshot (JSON) of the campaign. */
    public String snapshot() {
        return base + ":campaign";
    }

    /** A set of user ids uploaded by operators (allow-list, block-list, segment). */
    public String list(String name) {
        return base + ":list:" + name;
    }

    /** Hash of how often a user took part: {@link #TOTAL_FIELD} and one field per day. */
    public String participation(String userId) {
        return base + ":joins:" + userId;
    }

    /** Field of a participation hash counting one calendar day (in the campaign's zone). */
    public static String dayField(LocalDate day) {
        return "day:" + day;
    }
}
