package dev.surge.redpacket;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one run of the refund job did.
 *
 * @param refunded packets this run refunded
 * @param cents what it gave back
 * @param deferred expired packets left for a later run (Redis or MySQL could not finish them)
 */
@RegisterForReflection
public record Refunds(int refunded, long cents, int deferred) {

    public static final Refunds NOTHING = new Refunds(0, 0, 0);

    public Refunds plus(Refunds other) {
        return new Refunds(refunded + other.refunded, cents + other.cents, deferred + other.deferred);
    }
}
