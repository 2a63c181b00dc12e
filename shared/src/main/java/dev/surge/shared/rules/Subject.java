package dev.surge.shared.rules;

import java.time.Instant;

import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.RequestAttributes;

/**
 * Who asks and about what: the verified caller, what the request says about itself, and the instant of the
 * decision (from the application clock, so tests can move it).
 */
public record Subject(Caller caller, RequestAttributes request, Instant now) {
}
