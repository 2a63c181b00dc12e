package dev.surge.shared.testing.deploy;

/**
 * An invocation the deployment makes, not a caller: the event a schedule (or a deploy step) hands a function, an
 * API Gateway HTTP API (payload 2.0) event for one of its routes.
 *
 * @param source where it is declared, for messages
 * @param function the function module it invokes
 * @param schedule the schedule expression, or {@link #DEPLOY} for a step that runs once per deploy
 * @param event the event, as JSON
 */
public record Job(String source, String function, String schedule, String event) {

    /** The "schedule" of a deploy step: it runs when the deployment changes, before the hot functions do. */
    public static final String DEPLOY = "deploy";
}
