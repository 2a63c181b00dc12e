package dev.surge.draw.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.draw.Sweep;

/** What one sweep of the pending draws did: draws confirmed won, draws voided. */
@RegisterForReflection
public record SweepAnswer(int confirmed, int voided) {

    public static SweepAnswer of(Sweep sweep) {
        return new SweepAnswer(sweep.confirmed(), sweep.voided());
    }
}
