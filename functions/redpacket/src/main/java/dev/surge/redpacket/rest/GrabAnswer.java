package dev.surge.redpacket.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to a grab.
 *
 * @param outcome grabbed (see {@code amountCents}; {@code repeat} when the caller had taken it before), empty
 *        (every share is taken) or expired; when something failed the grab is answered 503 "Try later" instead
 *        (nothing was taken, or, when Redis may have run the grab without answering in time, grabbing again shows
 *        the share as a repeat)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrabAnswer(String packetId, String outcome, Long amountCents, boolean repeat, String message) {
}
