package dev.surge.admin.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.model.CampaignStatus;

/**
 * A requested status: online, paused or ended. Whether the campaign may go there is the life cycle's call
 * (409 when not); a word that is no status at all is a bad request.
 */
@RegisterForReflection
public record StatusChange(
        @NotNull @Pattern(regexp = "draft|online|paused|ended", message = "must be online, paused or ended") String status) {

    public CampaignStatus target() {
        return CampaignStatus.fromWire(status);
    }
}
