package dev.surge.qr.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.qr.SettleRun;

/** What one settler run did: bindings recorded in MySQL, dropped as refused there, and not settled yet. */
@RegisterForReflection
public record SettleAnswer(int recorded, int dropped, int failed) {

    static SettleAnswer of(SettleRun run) {
        return new SettleAnswer(run.recorded(), run.dropped(), run.failed());
    }
}
