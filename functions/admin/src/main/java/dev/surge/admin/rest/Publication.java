package dev.surge.admin.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A publish: the campaign's snapshot in Redis now carries {@code version}.
 */
@RegisterForReflection
public record Publication(long campaignId, long version) {
}
