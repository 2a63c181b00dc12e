package dev.surge.qr.rest;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.qr.RefillRun;

/** What a refill run did, pool by pool. */
@RegisterForReflection
public record RefillAnswer(List<RefilledPoolAnswer> pools) {

    static RefillAnswer of(RefillRun run) {
        return new RefillAnswer(run.pools().stream().map(RefilledPoolAnswer::of).toList());
    }
}
