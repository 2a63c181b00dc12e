package dev.surge.shared.rest;

import java.util.regex.Pattern;

import dev.surge.shared.problem.ProblemException;

/**
 * The {@code Idempotency-Key} header that makes a state-changing request safe to repeat: the client picks it, a
 * repeat with the same key gets the first answer. One syntax for every function, so a client library can make
 * keys once for all of them.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private IdempotencyKey() {
    }

    /**
     * The key, when it is well formed.
     *
     * @param uniquePer what one key stands for, named in the problem a malformed key gets ("draw", "packet")
     * @throws ProblemException 400 when the key is missing or malformed
     */
    public static String require(String key, String uniquePer) {
        if (key == null || !SYNTAX.matcher(key).matches()) {
            throw ProblemException.badRequest(
                    "header " + HEADER + " must be 8 to 64 letters, digits, '-' or '_', unique per " + uniquePer);
        }
        return key;
    }
}
