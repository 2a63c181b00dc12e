package dev.surge.shared.capacity;

import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.surge.shared.problem.ProblemException;

/** The bulkhead (and timeout) of one hot path's entry, with its fallback; see {@link EntryGuards}. */
public final class EntryGuard {

    private final Guard guard;
    private final Vertx vertx;

    EntryGuard(Guard guard, Vertx vertx) {
        this.guard = guard;
        this.vertx = vertx;
    }

    /**
     * Runs {@code work} inside the bulkhead. A refusal meant for the caller ({@link ProblemException}) and a full
     * bulkhead (answered 503 at the HTTP edge) pass through; any other failure is answered by {@code fallback}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Uni<T> call(Supplier<Uni<T>> work, Function<Throwable, Uni<T>> fallback) {
        // deferred: a method that throws instead of failing its Uni is answered like one that fails.
        Uni<T> guarded = (Uni<T>) guard.get((Supplier) () -> Uni.createFrom().deferred(work::get), Uni.class);
        if (!Context.isOnEventLoopThread()) {
            // A caller off the event loops (a start-up rehearsal, a test's own threads) is moved onto one, as every
            // HTTP request already is: the Redis calls' lag-aware deadlines judge the loops the work runs on.
            Context loop = vertx.getOrCreateContext();
            guarded = guarded.runSubscriptionOn(task -> loop.runOnContext(ignored -> task.run()));
        }
        return guarded.onFailure(EntryGuard::fallsBack).recoverWithUni(fallback::apply);
    }

    private static boolean fallsBack(Throwable failure) {
        return !(failure instanceof ProblemException) && !(failure instanceof BulkheadException);
    }
}
