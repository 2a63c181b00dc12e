package dev.surge.admin.rest;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.RelayOutcome;
import dev.surge.admin.RelayRun;

/**
 * What one run of the winner events' relay did: events published per type, and why it stopped.
 *
 * @param failure what failed; null unless the run failed or no queue is configured
 */
@RegisterForReflection
public record RelayReport(Map<String, Integer> published, RelayOutcome outcome, String failure) {

    static RelayReport of(RelayRun run) {
        return new RelayReport(run.published(), run.outcome(), run.failure());
    }
}
