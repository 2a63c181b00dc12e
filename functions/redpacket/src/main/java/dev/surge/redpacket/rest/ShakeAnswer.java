package dev.surge.redpacket.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to a shake.
 *
 * @param outcome won (see {@code amountCents}), none, limited (the caller has won all they may), paused (an
 *        operator paused the rain), closed (the campaign is not running: not online, or outside its window),
 *        or ineligible (a rule of the campaign refuses the caller); when something failed the shake is answered
 *        503 "Try later" instead (nothing was taken)
 * @param packet the number of the packet won, for the caller's records
 * @param rule for closed and ineligible: the check that refused (status, campaign-window, block-list...)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShakeAnswer(String outcome, Long amountCents, Integer packet, String message, String rule) {
}
