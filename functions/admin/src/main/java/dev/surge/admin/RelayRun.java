package dev.surge.admin;

import java.util.Map;

/**
 * What one run of the winner events' relay did.
 *
 * @param published events published, by type (its wire name)
 * @param outcome why the run stopped
 * @param failure what failed; null unless the run failed or no queue is configured
 */
public record RelayRun(Map<String, Integer> published, RelayOutcome outcome, String failure) {
}
