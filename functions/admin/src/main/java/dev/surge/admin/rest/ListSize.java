package dev.surge.admin.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A campaign's user list and how many distinct ids it holds. */
@RegisterForReflection
public record ListSize(long campaignId, String list, long size) {
}
