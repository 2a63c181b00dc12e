package dev.surge.admin;

import java.util.List;

/**
 * What one run of the scheduled raffle reconciliation did.
 *
 * @param complete whether the run reached the last online raffle (the next starts from the first)
 */
public record ReconcileRun(List<Checked> raffles, boolean complete) {

    /** One raffle of a run: how many units drifted, or why it could not be compared. */
    public record Checked(long campaignId, long driftUnits, boolean drifted, String failure) {
    }
}
