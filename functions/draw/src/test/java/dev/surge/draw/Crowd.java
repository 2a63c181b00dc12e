package dev.surge.draw;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.metrics.SurgeMetrics;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.problem.ProblemException;
import dev.surge.shared.rest.ProblemMapper;

/**
 * A crowd of draws sent at once through the service from a fixed number of threads, as a fleet of environments
 * would send them, with every answer kept: the outcome (or the HTTP status of a refusal) and when it was sent.
 */
final class Crowd {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** One draw to send. */
    record Draw(String userId, String key) {
    }

    /** One answer: the outcome shown to the caller, or "http-<status>" for a problem, and when it was asked. */
    record Answer(Draw draw, String outcome, String drawId, Long prizeId, long sentNanos, long answeredNanos) {

        boolean real() {
            return !"try-later".equals(outcome) && !outcome.startsWith("http-5") && !"http-429".equals(outcome);
        }
    }

    private Crowd() {
    }

    static List<Answer> send(DrawService service, long campaignId, List<Draw> draws, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> running = new ArrayList<>(draws.size());
        for (Draw draw : draws) {
            running.add(pool.submit(() -> {
                start.await();
                return ask(service, campaignId, draw);
            }));
        }
        start.countDown();
        List<Answer> answers = new ArrayList<>(draws.size());
        for (Future<Answer> f : running) {
            answers.add(f.get());
        }
        pool.shutdown();
        return answers;
    }

    static Answer ask(DrawService service, long campaignId, Draw draw) {
        long sent = System.nanoTime();
        try {
            DrawResult answer = service.draw(Caller.fromClaims(Map.of("sub", draw.userId())), campaignId, draw.key(),
                    RequestAttributes.NONE).await().atMost(PATIENCE);
            return new Answer(draw, answer.outcome().value(), answer.drawId(),
                    answer.prize() == null ? null : answer.prize().id(),
                    sent, System.nanoTime());
        } catch (Refusal e) {
            return new Answer(draw, "http-" + ProblemMapper.status(e.reason()), null, null, sent, System.nanoTime());
        } catch (ProblemException e) {
            return new Answer(draw, "http-" + e.status(), null, null, sent, System.nanoTime());
        } catch (RuntimeException e) {
            String status = e.getClass().getSimpleName().contains("Bulkhead") ? "http-503" : "http-500";
            return new Answer(draw, status, null, null, sent, System.nanoTime());
        }
    }

    static Map<String, Integer> outcomes(List<Answer> answers) {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        answers.forEach(a -> counts.merge(a.outcome(), 1, Integer::sum));
        return counts;
    }

    static double realShare(List<Answer> answers) {
        return answers.stream().filter(Answer::real).count() / (double) answers.size();
    }

    /**
     * Why draws fell back and how the guarded Redis and MySQL calls ended, from the function's own meters: what
     * a failed assertion needs to tell a slow dependency from a process that was starved.
     */
    static String fallbacks(MeterRegistry registry) {
        Map<String, Long> reasons = new TreeMap<>();
        registry.find(SurgeMetrics.FALLBACKS)
                .counters()
                .forEach(c -> reasons.merge(c.getId()
                        .getTag(
                                SurgeMetrics.TAG_REASON),
                        (long) c.count(), Long::sum));
        Map<String, String> calls = new TreeMap<>();
        registry.find("surge.dependency.calls")
                .timers()
                .stream()
                .filter(t -> t.count() > 0)
                .forEach(t -> calls.put(t.getId()
                        .getTag("site")
                        .replaceFirst(".*\\.", "") + "/" + t.getId().getTag("ending"), t.count() + " (max "
                                + Math.round(t.max(
                                        TimeUnit.MILLISECONDS))
                                + " ms)"));
        Map<String, Long> grants = new TreeMap<>();
        registry.find(SurgeMetrics.DRAW_MYSQL_WRITES)
                .counters()
                .forEach(c -> grants.merge(c.getId().getTag("result"),
                        (long) c.count(), Long::sum));
        return "fallbacks " + reasons + ", grants " + grants + ", calls " + calls;
    }
}
