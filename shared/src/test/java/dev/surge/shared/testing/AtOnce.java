package dev.surge.shared.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.surge.shared.model.Refusal;
import dev.surge.shared.problem.ProblemException;
import dev.surge.shared.rest.ProblemMapper;

/**
 * A crowd released at once: every request waits for the same start, then runs on a fixed number of threads, as
 * a fleet of environments would send them. Each request names its outcome; a refusal counts as "try-later" (503)
 * or "status-N".
 */
public final class AtOnce {

    /** The outcomes counted, and how long the crowd took from its release. */
    public record Result(Map<String, AtomicLong> outcomes, long millis) {

        public long count(String outcome) {
            AtomicLong n = outcomes.get(outcome);
            return n == null ? 0 : n.get();
        }
    }

    private AtOnce() {
    }

    private static String named(int status) {
        return status == 503 ? "try-later" : "status-" + status;
    }

    public static Result run(List<Callable<String>> requests, int threads) throws Exception {
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>(requests.size());
        for (Callable<String> request : requests) {
            running.add(pool.submit(() -> {
                start.await();
                String outcome;
                try {
                    outcome = request.call();
                } catch (ProblemException refused) {
                    outcome = named(refused.status());
                } catch (Refusal refused) {
                    outcome = named(ProblemMapper.status(refused.reason()));
                }
                outcomes.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
                return null;
            }));
        }
        long started = System.nanoTime();
        start.countDown();
        for (Future<?> f : running) {
            f.get();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        pool.shutdown();
        return new Result(outcomes, millis);
    }
}
