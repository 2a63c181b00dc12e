package dev.surge.shared.testing.deploy;

/**
 * A scheduled invocation: the event a schedule hands a function, an API Gateway HTTP API (payload 2.0) event
 * for one of its routes.
 *
 * @param source where it is declared, for messages
 * @param function the function module it invokes
 * @param schedule the schedule expression
 * @param event the event, as JSON
 */
public record Job(String source, String function, String schedule, String event) {
}
