package dev.surge.admin.rest;

import java.util.Arrays;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.CampaignRow;
import dev.surge.shared.model.Degrade;

/**
 * A campaign's degrade switches.
 *
 * @param on the switches that are on
 * @param available every switch there is
 * @param publishedVersion the published version that carries them (the hot path follows within its catalog's
 *        revalidation interval)
 */
@RegisterForReflection
public record SwitchesView(long campaignId, List<String> on, List<String> available, long publishedVersion) {

    static SwitchesView of(CampaignRow row) {
        return new SwitchesView(row.id(), row.degrades().stream().sorted().map(Degrade::wireName).toList(),
                Arrays.stream(Degrade.values()).map(Degrade::wireName).toList(), row.publishedVersion());
    }
}
