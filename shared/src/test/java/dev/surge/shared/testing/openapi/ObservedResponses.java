package dev.surge.shared.testing.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Records every answer a function gives in its tests (method, path, status, whether it carried
 * {@code Retry-After}, its content type), one file per application start under {@code target/observed-responses/},
 * so {@link DocumentedResponses} can hold the OpenAPI document against what the function really answered; the
 * build clears the directory before a module's tests run (the parent pom), and applications a test starts in processes
 * of their own record theirs too. Answers are recorded once per distinct line and written off the event loop.
 */
@ApplicationScoped
public class ObservedResponses {

    public static final Path DIR = Path.of("target", "observed-responses");
    /** Before InFlightLimit (1000), so the answers it sheds at the edge are recorded too. */
    private static final int PRIORITY = 2000;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "observed-responses");
        t.setDaemon(true);
        return t;
    });
    private final Path file;

    public ObservedResponses() {
        file = DIR.resolve(UUID.randomUUID() + ".txt");
    }

    void register(@Observes Filters filters) {
        filters.register(this::observe, PRIORITY);
    }

    void flush(@Observes ShutdownEvent event) throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void observe(RoutingContext request) {
        String method = request.request().method().name();
        String path = request.normalizedPath();
        request.addHeadersEndHandler(ended -> {
            var response = request.response();
            String contentType = response.headers().get("Content-Type");
            Observation seenNow = new Observation(method, path, response.getStatusCode(),
                    response.headers().contains("Retry-After"),
                    contentType == null ? "-" : contentType.split(";")[0].trim());
            String line = seenNow.line();
            if (seen.add(line)) {
                writer.execute(() -> append(line));
            }
        });
        request.next();
    }

    private void append(String line) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every answer recorded so far in this module's tests. */
    public static List<Observation> read() {
        List<Observation> out = new ArrayList<>();
        if (!Files.isDirectory(DIR)) {
            return out;
        }
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        out.add(Observation.parse(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One answer: {@code retryAfter} whether it carried the header, {@code contentType} without parameters. */
    public record Observation(String method, String path, int status, boolean retryAfter, String contentType) {

        String line() {
            return method + " " + path + " " + status + " " + (retryAfter ? "retry-after" : "-") + " " + contentType;
        }

        static Observation parse(String line) {
            String[] p = line.split(" ");
            return new Observation(p[0], p[1], Integer.parseInt(p[2]), p[3].equals("retry-after"), p[4]);
        }

        @Override
        public String toString() {
            return line();
        }
    }
}
