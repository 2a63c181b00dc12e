package dev.surge.redpacket;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one run of the settle job did.
 *
 * @param grabs grabs this run wrote into MySQL
 * @param wins rain wins this run wrote into MySQL
 * @param failed grabs, wins or packets left for a later run
 */
@RegisterForReflection
public record Settled(int grabs, int wins, int failed) {

    public static final Settled NOTHING = new Settled(0, 0, 0);

    public Settled plus(Settled other) {
        return new Settled(grabs + other.grabs, wins + other.wins, failed + other.failed);
    }
}
