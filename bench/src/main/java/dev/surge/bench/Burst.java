package dev.surge.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A crowd at once, closed-loop: every connection sends its next request as soon as the previous one is answered
 * (as wrk does) for a fixed time, and every answer is classified. Per second of the run, by the moment the answer
 * arrived: answers; real outcomes (2xx whose body's {@code outcome} is one of {@code --real}); "try-later"
 * answers (503 titled "Try later", or an older 2xx outcome try-later); 429, other 503 (busy) and other 5xx;
 * anything else; I/O errors; p50 and p99 latency. The function's {@code /q/metrics}, scraped each second, gives its circuit breakers (open now, opened so far, seconds spent
 * open, calls refused while open) and its fallbacks by reason ({@code surge_fallbacks_total}). Requests are
 * random users of the token pool; with {@code --idempotency} each carries a fresh Idempotency-Key, and a share
 * {@code --repeat} of them repeats the connection's previous request (same user, same key).
 *
 * <pre>
 * burst --port 8302 --path /v1/campaigns/7/draws | --paths file [--method POST] [--body '{"channel":"app"}']
 *       --tokens pool.txt [--idempotency] [--repeat 0.1] --real won,lost [--record won]
 *       --duration 20 --connections 64 --out prefix
 * </pre>
 *
 * Writes {@code prefix.summary} (key=value: the whole run, and {@code first10_*} for its first 10 s),
 * {@code prefix.series.csv} (per second) and {@code prefix.recorded.txt} (one line per distinct answer whose
 * outcome is one of {@code --record}: {@code <outcome> <user> <key> <repeat>}). Answers that arrive after the
 * run's end are counted as {@code late} only.
 */
final class Burst {

    private static final int REAL = 0;
    private static final int TRY_LATER = 1;
    private static final int S429 = 2;
    private static final int S503 = 3;
    private static final int S5XX = 4;
    private static final int OTHER = 5;
    private static final int ERRORS = 6;
    private static final int KINDS = 7;
    private static final String BREAKER = "ft_circuitbreaker_";
    private static final String FALLBACKS = "surge_fallbacks_total";

    private final String host;
    private final int port;
    private final String method;
    private final String[] paths;
    private final String body;
    private final String[] users;
    private final String[] tokens;
    private final boolean idempotency;
    private final double repeat;
    private final Set<String> real;
    private final Set<String> record;
    private final int seconds;
    private final long startNanos;
    private final long endNanos;
    private final ConcurrentHistogram[] latency;
    private final AtomicLongArray counts;
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    /** Per second (0: before the load): the scrape's figures, null when the scrape failed. */
    private final Scrape[] scrapes;

    /** The breaker and fallback figures of one scrape. */
    record Scrape(double open, double halfOpen, double opened, double openSeconds, double refused,
            Map<String, Double> fallbacks, String openBreakers) {
    }

    private Burst(Map<String, String> o, long startNanos) throws IOException {
        this.host = o.getOrDefault("host", "127.0.0.1");
        this.port = Integer.parseInt(Bench.required(o, "port"));
        this.method = o.getOrDefault("method", "POST");
        this.paths = o.containsKey("paths")
                ? Files.readAllLines(Path.of(o.get("paths")))
                        .stream()
                        .filter(l -> !l.isBlank())
                        .toArray(String[]::new)
                : new String[]{Bench.required(o, "path")};
        this.body = o.get("body");
        List<String> pool = Files.readAllLines(Path.of(Bench.required(o, "tokens")))
                .stream()
                .filter(l -> !l.isBlank())
                .toList();
        this.users = pool.stream().map(l -> l.substring(0, l.indexOf(' '))).toArray(String[]::new);
        this.tokens = pool.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toArray(String[]::new);
        this.idempotency = o.containsKey("idempotency");
        this.repeat = Double.parseDouble(o.getOrDefault("repeat", "0"));
        this.real = new HashSet<>(Arrays.asList(Bench.required(o, "real").split(",")));
        this.record = new HashSet<>(Arrays.asList(o.getOrDefault("record", "").split(",")));
        this.seconds = Integer.parseInt(o.getOrDefault("duration", "20"));
        this.startNanos = startNanos;
        this.endNanos = startNanos + seconds * 1_000_000_000L;
        this.latency = new ConcurrentHistogram[seconds];
        for (int i = 0; i < seconds; i++) {
            latency[i] = new ConcurrentHistogram(3_600_000_000L, 3);
        }
        this.counts = new AtomicLongArray(seconds * KINDS);
        this.scrapes = new Scrape[seconds + 1];
        if (paths.length == 0 || tokens.length == 0) {
            throw new IllegalArgumentException("no paths or no tokens");
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Bench.options(args);
        int connections = Integer.parseInt(o.getOrDefault("connections", "64"));
        String out = Bench.required(o, "out");
        HttpClient metrics = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI uri = URI.create("http://" + o.getOrDefault("host", "127.0.0.1") + ":" + Bench.required(o, "port")
                + "/q/metrics");
        Scrape before = scrape(metrics, uri);
        Burst run = new Burst(o, System.nanoTime() + 100_000_000L);
        run.scrapes[0] = before;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> run.connection(id), "burst-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        // Each second's scrape, while the load runs; one that cannot finish before the next is due is skipped.
        for (int s = 1; s <= run.seconds; s++) {
            long due = run.startNanos + s * 1_000_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() < due + 1_000_000_000L) {
                run.scrapes[s] = scrape(metrics, uri);
            }
        }
        for (Thread t : threads) {
            t.join(15_000);
        }
        run.report(out, connections);
    }

    private void connection(int id) {
        Socket socket = null;
        InputStream in = null;
        String lastUser = null;
        String lastKey = null;
        byte[] lastRequest = null;
        long n = 0;
        byte[] buffer = new byte[16384];
        ByteArrayOutputStream answer = new ByteArrayOutputStream(1024);
        long wait = startNanos - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        while (System.nanoTime() < endNanos) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String user;
            String key = null;
            byte[] request;
            if (lastRequest != null && random.nextDouble() < repeat) {
                // A repeat click: the same request again, byte for byte.
                user = lastUser;
                key = lastKey;
                request = lastRequest;
            } else {
                int u = random.nextInt(tokens.length);
                user = users[u];
                if (idempotency) {
                    key = "b" + id + "x" + Long.toString(System.nanoTime(), 36) + "n" + (n++);
                }
                request = request(paths[paths.length == 1 ? 0 : random.nextInt(paths.length)], tokens[u], key);
            }
            lastUser = user;
            lastKey = key;
            lastRequest = request;
            long sent = System.nanoTime();
            int status;
            answer.reset();
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(10_000);
                    socket.connect(new InetSocketAddress(host, port), 5_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16384);
                }
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                status = OpenLoop.readResponse(in, buffer, answer);
                if (status < 0) {
                    socket.close();
                    socket = null;
                    status = -status;
                }
            } catch (IOException e) {
                OpenLoop.closeQuietly(socket);
                socket = null;
                count(System.nanoTime(), ERRORS);
                LockSupport.parkNanos(10_000_000L);
                continue;
            }
            long now = System.nanoTime();
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            String outcome = status / 100 == 2 ? field(text, "\"outcome\":\"") : null;
            int kind;
            if (status == 429) {
                kind = S429;
            } else if (status == 503 && "Try later".equals(field(text, "\"title\":\""))) {
                // Nothing decided (a dependency failed or was too slow), as opposed to a process too busy.
                kind = TRY_LATER;
            } else if (status == 503) {
                kind = S503;
            } else if (status >= 500) {
                kind = S5XX;
            } else if ("try-later".equals(outcome)) {
                kind = TRY_LATER;
            } else if (outcome != null && real.contains(outcome)) {
                kind = REAL;
            } else {
                kind = OTHER;
            }
            if (!count(now, kind)) {
                continue;
            }
            int second = (int) ((now - startNanos) / 1_000_000_000L);
            latency[second].recordValue(Math.max(1, (now - sent) / 1000));
            String label = outcome != null ? outcome : "HTTP " + status;
            outcomes.computeIfAbsent(label, k -> new AtomicLong()).incrementAndGet();
            if (outcome != null && record.contains(outcome)) {
                recorded.add(outcome + " " + user + " " + (key == null ? "-" : key) + " "
                        + (text.contains("\"repeat\":true") ? 1 : 0));
            }
        }
        OpenLoop.closeQuietly(socket);
    }

    /** Counts an answer of a kind in its second; false (counted late) when it came after the run's end. */
    private boolean count(long now, int kind) {
        int second = (int) ((now - startNanos) / 1_000_000_000L);
        if (second < 0 || second >= seconds) {
            late.incrementAndGet();
            return false;
        }
        counts.incrementAndGet(second * KINDS + kind);
        return true;
    }

    private static String field(String text, String prefix) {
        int at = text.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int from = at + prefix.length();
        int to = text.indexOf('"', from);
        return to < 0 ? null : text.substring(from, to);
    }

    private byte[] request(String path, String token, String key) {
        byte[] payload = body == null
                ? null
                : body.replace("{seq}", Long.toString(sequence.incrementAndGet())).getBytes(StandardCharsets.UTF_8);
        return OpenLoop.request(method, host, port, path, token, null, key, payload);
    }

    private static Scrape scrape(HttpClient client, URI uri) {
        String text;
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(1500)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            text = r.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        double open = 0;
        double halfOpen = 0;
        double opened = 0;
        double openSeconds = 0;
        double refused = 0;
        Map<String, Double> fallbacks = new TreeMap<>();
        List<String> openBreakers = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(BREAKER) && !line.startsWith(FALLBACKS)) {
                continue;
            }
            Prom.Sample s = Prom.parse(line);
            if (s == null || Double.isNaN(s.value())) {
                continue;
            }
            String state = s.labels().getOrDefault("state", "");
            switch (s.name()) {
                case BREAKER + "state_current" -> {
                    if ("open".equals(state) && s.value() > 0) {
                        open += s.value();
                        String m = s.labels().getOrDefault("method", "?");
                        // The class and method: dev.surge.shared.rules.FactReader.read -> FactReader.read
                        int dot = m.lastIndexOf('.', m.lastIndexOf('.') - 1);
                        openBreakers.add(m.substring(dot + 1));
                    } else if ("halfOpen".equals(state)) {
                        halfOpen += s.value();
                    }
                }
                case BREAKER + "opened_total" -> opened += s.value();
                case BREAKER + "state_total_seconds" -> openSeconds += "open".equals(state) ? s.value() : 0;
                case BREAKER + "calls_total" ->
                    refused += "circuitBreakerOpen".equals(s.labels().get("circuitBreakerResult")) ? s.value() : 0;
                case FALLBACKS -> fallbacks.merge(s.labels().getOrDefault("reason", "?"), s.value(), Double::sum);
                default -> {
                }
            }
        }
        return new Scrape(open, halfOpen, opened, openSeconds, refused, fallbacks, String.join(" ", openBreakers));
    }

    /** The latest successful scrape at or before second {@code s}. */
    private Scrape at(int s) {
        for (int i = s; i >= 0; i--) {
            if (scrapes[i] != null) {
                return scrapes[i];
            }
        }
        return new Scrape(0, 0, 0, 0, 0, Map.of(), "");
    }

    private static String fallbacks(Scrape from, Scrape to, String separator) {
        return to.fallbacks()
                .entrySet()
                .stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - from.fallbacks().getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0)
                .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(separator));
    }

    private void report(String out, int connections) throws IOException {
        try (PrintStream p = new PrintStream(Files.newOutputStream(Path.of(out + ".series.csv")), true,
                StandardCharsets.UTF_8)) {
            p.println("second,answered,real,real_pct,try_later,status_429,status_503,status_5xx,other,io_errors,"
                    + "p50_ms,p99_ms,breakers_open,breakers_half_open,breakers_opened,breaker_open_s,breaker_refused,"
                    + "fallbacks,open_breakers");
            for (int s = 0; s < seconds; s++) {
                long[] c = counts(s, s + 1);
                Histogram h = latency[s].copy();
                boolean any = h.getTotalCount() > 0;
                Scrape now = scrapes[s + 1];
                Scrape before = at(s);
                String breakers = now == null
                        ? "-,-,-,-,-,-,-"
                        : String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%.2f,%.0f,%s,%s", now.open(), now.halfOpen(),
                                now.opened(), now.openSeconds() - before.openSeconds(), now.refused() - before.refused(),
                                fallbacks(before, now, "; "), now.openBreakers());
                p.printf(Locale.ROOT, "%d,%d,%d,%.1f,%d,%d,%d,%d,%d,%d,%.3f,%.3f,%s%n", s + 1, answered(c), c[REAL],
                        pct(c[REAL], answered(c)), c[TRY_LATER], c[S429], c[S503], c[S5XX], c[OTHER], c[ERRORS],
                        any ? h.getValueAtPercentile(50) / 1000.0 : 0, any ? h.getValueAtPercentile(99) / 1000.0 : 0,
                        breakers);
            }
        }
        try (PrintStream p = new PrintStream(Files.newOutputStream(Path.of(out + ".summary")), true,
                StandardCharsets.UTF_8)) {
            p.printf(Locale.ROOT, "tool=burst%nduration_s=%d%nconnections=%d%nusers=%d%nlate=%d%n", seconds,
                    connections, new HashSet<>(Arrays.asList(users)).size(), late.get());
            summary(p, "", seconds);
            summary(p, "first10_", Math.min(10, seconds));
            new TreeMap<>(outcomes)
                    .forEach((k, v) -> p.printf(Locale.ROOT, "outcome_%s=%d%n", k.replace(' ', '_'), v.get()));
        }
        Files.write(Path.of(out + ".recorded.txt"), new TreeSet<>(recorded));
    }

    private void summary(PrintStream p, String prefix, int upTo) {
        long[] c = counts(0, upTo);
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int s = 0; s < upTo; s++) {
            h.add(latency[s].copy());
        }
        Scrape first = at(0);
        Scrape last = at(upTo);
        p.printf(Locale.ROOT, "%srequests=%d%n%sreal=%d%n%sreal_pct=%.1f%n%stry_later=%d%n%sstatus_429=%d%n"
                + "%sstatus_503=%d%n%sstatus_5xx=%d%n%sother=%d%n%sio_errors=%d%n", prefix, answered(c), prefix, c[REAL],
                prefix, pct(c[REAL], answered(c)), prefix, c[TRY_LATER], prefix, c[S429], prefix, c[S503], prefix, c[S5XX],
                prefix, c[OTHER], prefix, c[ERRORS]);
        p.printf(Locale.ROOT, "%sp50_ms=%.3f%n%sp99_ms=%.3f%n%sp999_ms=%.3f%n%smax_ms=%.3f%n", prefix,
                h.getValueAtPercentile(50) / 1000.0, prefix, h.getValueAtPercentile(99) / 1000.0, prefix,
                h.getValueAtPercentile(99.9) / 1000.0, prefix, h.getMaxValue() / 1000.0);
        p.printf(Locale.ROOT, "%sbreakers_opened=%.0f%n%sbreaker_refused=%.0f%n%sfallbacks=%s%n", prefix,
                last.opened() - first.opened(), prefix, last.refused() - first.refused(), prefix,
                fallbacks(first, last, "; "));
    }

    private long[] counts(int from, int to) {
        long[] c = new long[KINDS];
        for (int s = from; s < to; s++) {
            for (int k = 0; k < KINDS; k++) {
                c[k] += counts.get(s * KINDS + k);
            }
        }
        return c;
    }

    private static long answered(long[] c) {
        return c[REAL] + c[TRY_LATER] + c[S429] + c[S503] + c[S5XX] + c[OTHER];
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
