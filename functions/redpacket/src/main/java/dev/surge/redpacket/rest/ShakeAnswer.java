package dev.surge.redpacket.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to a shake.
 *
 * @param outcome won (see {@code amountCents}), none, limited (the caller has won all they may), or
 *        try-later (something failed; nothing was taken)
 * @param packet the number of the packet won, for the caller's records
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShakeAnswer(String outcome, Long amountCents, Integer packet, String message) {

    public static final String WON = "won";
    public static final String NONE = "none";
    public static final String LIMITED = "limited";
    public static final String TRY_LATER = "try-later";
}
