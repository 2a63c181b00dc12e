package dev.surge.shared.warmup;

import io.smallrye.mutiny.Uni;

/**
 * One function's hot path, run at start-up against keys no campaign uses (campaign 0, which MySQL never hands
 * out), so the first real crowd finds its connections open, its scripts cached by Redis and its code compiled. A
 * rehearsal never writes MySQL and leaves only keys that expire within minutes.
 */
public interface HotPathRehearsal {

    /** Runs the hot path once; {@code round} counts from 0 and lets a rehearsal vary its users and keys. */
    Uni<Void> rehearse(int round);
}
