package dev.surge.shared.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One prize of a raffle as the hot path sees it. Its stock is not here: stock lives in a Redis counter
 * (and, as the authority, in MySQL), because it changes with every win.
 *
 * @param weight relative chance of being picked, against the other prizes and the no-prize weight
 */
@RegisterForReflection
public record Prize(long id, String name, long weight) {
}
