package dev.surge.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP/1.1 load generator: requests are due on a fixed schedule (the target rate), and each
 * latency is measured from the moment its request was due, not from when it could be sent. A server that
 * stalls therefore shows its stall in every request that was due meanwhile (no coordinated omission), as with
 * wrk2. Each connection runs on its own thread, keeps its connection alive, and owns an equal share of the
 * rate; a connection that falls behind sends at once, and its waiting counts as latency.
 *
 * <pre>
 * open-loop --port 8102 --path /v1/campaigns/7/draws [--method POST] [--body '{"channel":"app"}']
 *           [--paths file (one path a line, picked at random)] [--tokens pool.txt] [--idempotency]
 *           [--attributes attributes.txt] [--repeat 0.1] --rate 2000 --duration 20 [--warmup 2] [--connections 32]
 *           --out prefix
 * </pre>
 *
 * With {@code --warmup S}, the schedule runs S seconds before the measured duration on the same connections,
 * and latencies of requests due then are not recorded: the generator's own JIT and its connections' set-up
 * stay out of the figures (as wrk2 calibrates before it measures). Counts of requests and statuses include
 * the warm-up, so they compare with what the server counted over the whole run.
 *
 * With {@code --attributes} (lines {@code <user> <attribute token>}), a request by a user of the pool that has an
 * attribute token carries it in {@code X-Surge-Attributes}, next to the user's bearer token.
 *
 * Writes {@code prefix.summary} (key=value), {@code prefix.hgrm} (percentile distribution, ms) and
 * {@code prefix.series.csv} (per second: completed, p50, p99, max in ms).
 */
final class OpenLoop {

    private static final byte[] CRLF = {'\r', '\n'};

    private final String host;
    private final int port;
    private final String method;
    private final String[] paths;
    private final String body;
    private final String[] tokens;
    // The attribute token of each user of the pool (same index as tokens), null where there is none.
    private final String[] attributes;
    private final boolean idempotency;
    private final double repeat;
    private final long startNanos;
    private final long measureNanos;
    private final long endNanos;
    private final ConcurrentHistogram total = new ConcurrentHistogram(3_600_000_000L, 3);
    private final ConcurrentHistogram[] perSecond;
    private final AtomicLongArray completedPerSecond;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong measured = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();
    private final AtomicLongArray statusClasses = new AtomicLongArray(6);
    private final AtomicLong sequence = new AtomicLong();

    private OpenLoop(Map<String, String> o, long startNanos, int warmup, int seconds) throws IOException {
        this.host = o.getOrDefault("host", "127.0.0.1");
        this.port = Integer.parseInt(Bench.required(o, "port"));
        this.method = o.getOrDefault("method", "GET");
        this.paths = o.containsKey("paths")
                ? Files.readAllLines(Path.of(o.get("paths")))
                        .stream()
                        .filter(l -> !l.isBlank())
                        .toArray(String[]::new)
                : new String[]{Bench.required(o, "path")};
        this.body = o.get("body");
        List<String> pool = o.containsKey("tokens")
                ? Files.readAllLines(Path.of(o.get("tokens")))
                        .stream()
                        .filter(l -> !l.isBlank())
                        .toList()
                : null;
        this.tokens = pool == null
                ? null
                : pool.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toArray(String[]::new);
        this.attributes = o.containsKey("attributes") ? attributesOf(pool, Path.of(o.get("attributes"))) : null;
        this.idempotency = o.containsKey("idempotency");
        this.repeat = Double.parseDouble(o.getOrDefault("repeat", "0"));
        this.startNanos = startNanos;
        this.measureNanos = startNanos + warmup * 1_000_000_000L;
        this.endNanos = measureNanos + seconds * 1_000_000_000L;
        this.perSecond = new ConcurrentHistogram[seconds];
        for (int i = 0; i < seconds; i++) {
            perSecond[i] = new ConcurrentHistogram(3_600_000_000L, 2);
        }
        this.completedPerSecond = new AtomicLongArray(seconds);
        if (paths.length == 0) {
            throw new IllegalArgumentException("no paths to request");
        }
    }

    /** The attribute token of each user of the pool, in the pool's order; null for a user without one. */
    static String[] attributesOf(List<String> pool, Path file) throws IOException {
        if (pool == null) {
            throw new IllegalArgumentException("--attributes needs --tokens: an attribute token speaks for a user");
        }
        Map<String, String> byUser = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                byUser.put(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        String[] out = new String[pool.size()];
        int found = 0;
        for (int i = 0; i < out.length; i++) {
            String line = pool.get(i);
            out[i] = byUser.get(line.substring(0, Math.max(0, line.indexOf(' '))));
            found += out[i] == null ? 0 : 1;
        }
        if (found == 0) {
            throw new IllegalArgumentException(file + " holds no attribute token for a user of the pool");
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Bench.options(args);
        double rate = Double.parseDouble(Bench.required(o, "rate"));
        int seconds = Integer.parseInt(o.getOrDefault("duration", "10"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "0"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "32"));
        String out = Bench.required(o, "out");
        long start = System.nanoTime() + 200_000_000L;
        OpenLoop run = new OpenLoop(o, start, warmup, seconds);
        long interval = Math.round(connections * 1e9 / rate);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long first = start + Math.round(c * 1e9 / rate);
            int id = c;
            Thread t = new Thread(() -> run.connection(id, first, interval), "open-loop-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        run.report(out, rate, warmup, seconds, connections);
    }

    private void connection(int id, long first, long interval) {
        Socket socket = null;
        InputStream in = null;
        int lastUser = -1;
        String lastKey = null;
        byte[] lastRequest = null;
        long n = 0;
        byte[] buffer = new byte[16384];
        for (long due = first; due < endNanos; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int user = -1;
            String key = null;
            byte[] request;
            if (lastRequest != null && random.nextDouble() < repeat) {
                // A repeat click: the same request again (same user, same key), byte for byte.
                user = lastUser;
                key = lastKey;
                request = lastRequest;
            } else {
                if (tokens != null) {
                    user = random.nextInt(tokens.length);
                }
                if (idempotency) {
                    key = "ol" + id + "x" + Long.toString(System.nanoTime(), 36) + "n" + (n++);
                }
                request = request(paths[paths.length == 1 ? 0 : random.nextInt(paths.length)],
                        user < 0 ? null : tokens[user], user < 0 || attributes == null ? null : attributes[user], key);
            }
            lastUser = user;
            lastKey = key;
            lastRequest = request;
            int status;
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    socket.connect(new InetSocketAddress(host, port), 5_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16384);
                }
                OutputStream out = socket.getOutputStream();
                sent.incrementAndGet();
                out.write(request);
                out.flush();
                status = readResponse(in, buffer);
                if (status < 0) {
                    socket.close();
                    socket = null;
                    status = -status;
                }
            } catch (IOException e) {
                ioErrors.incrementAndGet();
                closeQuietly(socket);
                socket = null;
                continue;
            }
            long now = System.nanoTime();
            completed.incrementAndGet();
            if (due >= measureNanos) {
                long micros = Math.max(1, (now - due) / 1000);
                total.recordValue(micros);
                measured.incrementAndGet();
                int second = (int) ((due - measureNanos) / 1_000_000_000L);
                if (second < perSecond.length) {
                    perSecond[second].recordValue(micros);
                    completedPerSecond.incrementAndGet(second);
                }
            }
            statusClasses.incrementAndGet(Math.min(5, Math.max(0, status / 100)));
        }
        closeQuietly(socket);
    }

    private byte[] request(String path, String token, String attributeToken, String key) {
        byte[] payload = body == null
                ? null
                : body.replace("{seq}", Long.toString(sequence.incrementAndGet())).getBytes(StandardCharsets.UTF_8);
        return request(method, host, port, path, token, attributeToken, key, payload);
    }

    /**
     * One HTTP/1.1 request as bytes, the burst client's too: a bearer token, the user's attribute token and an
     * Idempotency-Key where given (null: none), a JSON payload where given.
     */
    static byte[] request(String method, String host, int port, String path, String token, String attributeToken,
            String key, byte[] payload) {
        StringBuilder sb = new StringBuilder(attributeToken == null ? 768 : 1536);
        sb.append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        if (token != null) {
            sb.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (attributeToken != null) {
            sb.append("X-Surge-Attributes: ").append(attributeToken).append("\r\n");
        }
        if (key != null) {
            sb.append("Idempotency-Key: ").append(key).append("\r\n");
        }
        if (payload != null) {
            sb.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        } else if (!"GET".equals(method)) {
            sb.append("Content-Length: 0\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (payload == null) {
            return head;
        }
        byte[] all = new byte[head.length + payload.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        return all;
    }

    /** Reads one response; the status, negated when the server closes the connection. */
    private static int readResponse(InputStream in, byte[] buffer) throws IOException {
        return readResponse(in, buffer, null);
    }

    /** Reads one response, its body into {@code body} unless null; the status, negated on a closed connection. */
    static int readResponse(InputStream in, byte[] buffer, ByteArrayOutputStream body) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("bad status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("connection closed in a chunked body");
                }
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while ((header = line(in)) != null && !header.isEmpty()) {
                        // trailers
                    }
                    break;
                }
                skip(in, n, buffer, body);
                line(in);
            }
        } else if (length > 0) {
            skip(in, length, buffer, body);
        } else if (length < 0 && status != 204 && status != 304) {
            int r;
            while ((r = in.read(buffer)) >= 0) {
                if (body != null) {
                    body.write(buffer, 0, r);
                }
            }
            close = true;
        }
        return close ? -status : status;
    }

    private static void skip(InputStream in, long n, byte[] buffer, ByteArrayOutputStream body) throws IOException {
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                throw new IOException("connection closed in a body");
            }
            if (body != null) {
                body.write(buffer, 0, r);
            }
            n -= r;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void report(String out, double rate, int warmup, int seconds, int connections) throws IOException {
        Histogram h = total.copy();
        try (PrintStream p = new PrintStream(Files.newOutputStream(Path.of(out + ".summary")), true,
                StandardCharsets.UTF_8)) {
            p.printf(Locale.ROOT, "tool=open-loop%n");
            p.printf(Locale.ROOT, "target_rate=%.0f%n", rate);
            p.printf(Locale.ROOT, "duration_s=%d%n", seconds);
            p.printf(Locale.ROOT, "warmup_s=%d%n", warmup);
            p.printf(Locale.ROOT, "connections=%d%n", connections);
            p.printf(Locale.ROOT, "sent=%d%n", sent.get());
            p.printf(Locale.ROOT, "requests=%d%n", completed.get());
            p.printf(Locale.ROOT, "measured=%d%n", measured.get());
            p.printf(Locale.ROOT, "rps=%.1f%n", measured.get() / (double) seconds);
            p.printf(Locale.ROOT, "io_errors=%d%n", ioErrors.get());
            for (int c = 1; c <= 5; c++) {
                p.printf(Locale.ROOT, "status_%dxx=%d%n", c, statusClasses.get(c));
            }
            p.printf(Locale.ROOT, "mean_ms=%.3f%n", h.getMean() / 1000);
            p.printf(Locale.ROOT, "p50_ms=%.3f%n", h.getValueAtPercentile(50) / 1000.0);
            p.printf(Locale.ROOT, "p90_ms=%.3f%n", h.getValueAtPercentile(90) / 1000.0);
            p.printf(Locale.ROOT, "p99_ms=%.3f%n", h.getValueAtPercentile(99) / 1000.0);
            p.printf(Locale.ROOT, "p999_ms=%.3f%n", h.getValueAtPercentile(99.9) / 1000.0);
            p.printf(Locale.ROOT, "max_ms=%.3f%n", h.getMaxValue() / 1000.0);
        }
        try (PrintStream p = new PrintStream(Files.newOutputStream(Path.of(out + ".hgrm")), true,
                StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(p, 5, 1000.0);
        }
        try (PrintStream p = new PrintStream(Files.newOutputStream(Path.of(out + ".series.csv")), true,
                StandardCharsets.UTF_8)) {
            p.println("second,completed,p50_ms,p99_ms,max_ms");
            for (int s = 0; s < seconds; s++) {
                Histogram sh = perSecond[s].copy();
                boolean any = sh.getTotalCount() > 0;
                p.printf(Locale.ROOT, "%d,%d,%.3f,%.3f,%.3f%n", s + 1, completedPerSecond.get(s),
                        any ? sh.getValueAtPercentile(50) / 1000.0 : 0, any ? sh.getValueAtPercentile(99) / 1000.0 : 0,
                        any ? sh.getMaxValue() / 1000.0 : 0);
            }
        }
    }
}
