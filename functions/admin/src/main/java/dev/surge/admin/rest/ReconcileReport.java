package dev.surge.admin.rest;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.ReconcileRun;

/**
 * What one run of the scheduled raffle reconciliation did.
 *
 * @param complete whether the run reached the last online raffle (the next starts from the first)
 */
@RegisterForReflection
public record ReconcileReport(List<Checked> raffles, boolean complete) {

    /** One raffle of a run: how many units drifted, or why it could not be compared. */
    @RegisterForReflection
    public record Checked(long campaignId, long driftUnits, boolean drifted, String failure) {
    }

    static ReconcileReport of(ReconcileRun run) {
        return new ReconcileReport(run.raffles()
                .stream()
                .map(c -> new Checked(c.campaignId(), c.driftUnits(), c.drifted(), c.failure()))
                .toList(), run.complete());
    }
}
