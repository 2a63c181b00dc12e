package dev.surge.shared.testing.openapi;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.surge.shared.testing.openapi.ObservedResponses.Observation;

/**
 * Holds a function's OpenAPI document against every answer its test suite got from it ({@link ObservedResponses}):
 * <ul>
 * <li>each answer's status is documented for the operation the request fell on, with {@code Retry-After} when the
 * answer carried it and only then, and a 4xx/5xx answer is {@code application/problem+json} and documented so;</li>
 * <li>with {@code coverage}, the other way round too: every documented status of every operation was answered to at
 * least one request of the suite. A status the code cannot return, or one no test provokes, fails here.</li>
 * </ul>
 * Coverage needs the whole suite's answers: the check runs after the module's other tests (a surefire execution of
 * its own), and only the first half when a run selected some tests ({@code -Dtest=…}).
 */
public final class DocumentedResponses {

    /** Set by the surefire execution that runs the check after a run of the whole suite. */
    public static final String COVERAGE = "surge.openapi.coverage";

    private DocumentedResponses() {
    }

    public static boolean coverageWanted() {
        return Boolean.getBoolean(COVERAGE);
    }

    public static List<String> problems(boolean coverage) {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(ApiDocument.SERVED)) {
            if (!coverage) {
                return problems; // a run of selected tests without OpenApiTest: nothing to hold the answers against
            }
            problems.add("no OpenAPI document at " + ApiDocument.SERVED + ": OpenApiTest did not run");
            return problems;
        }
        ApiDocument document = ApiDocument.read(ApiDocument.SERVED);
        List<Observation> observed = ObservedResponses.read();
        Map<String, Set<String>> answered = new LinkedHashMap<>();
        for (Observation o : observed) {
            var operation = document.operationOf(o.method(), o.path());
            if (operation.isEmpty()) {
                continue; // not an operation of the API: /q/health, /q/metrics, an unknown path
            }
            ApiDocument.Operation op = operation.get();
            String code = Integer.toString(o.status());
            answered.computeIfAbsent(op.key(), k -> new LinkedHashSet<>()).add(code);
            ApiDocument.Response documented = op.responses().get(code);
            if (documented == null) {
                problems.add(op + " answered " + code + ", which its document does not list " + op.responses().keySet()
                        + " (" + o + ")");
                continue;
            }
            boolean retryAfter = documented.headers().contains("Retry-After");
            if (o.retryAfter() != retryAfter) {
                problems.add(op + " " + code + ": the answer " + (o.retryAfter() ? "carried" : "lacked")
                        + " Retry-After, the document " + (retryAfter ? "lists" : "does not list") + " it (" + o + ")");
            }
            if (o.status() >= 400) {
                if (!o.contentType().equals("application/problem+json")) {
                    problems.add(op + " " + code + ": an error answer of type " + o.contentType() + " (" + o + ")");
                }
                if (!documented.contentTypes().equals(List.of("application/problem+json"))) {
                    problems.add(op + " " + code + ": documented as " + documented.contentTypes()
                            + ", not application/problem+json");
                }
            }
        }
        if (coverage) {
            for (ApiDocument.Operation op : document.operations()) {
                for (String code : op.responses().keySet()) {
                    if (!answered.getOrDefault(op.key(), Set.of()).contains(code)) {
                        problems.add(op + " documents " + code + ", but no request of the suite was answered so"
                                + " (answered: " + answered.getOrDefault(op.key(), Set.of()) + ")");
                    }
                }
            }
        }
        return problems;
    }
}
