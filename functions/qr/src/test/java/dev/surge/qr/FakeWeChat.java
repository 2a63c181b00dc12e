package dev.surge.qr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.surge.qr.image.QrRenderer;

/**
 * A small stand-in for the WeChat API on a free port of 127.0.0.1: it issues access tokens, enforces a limit of
 * codes per minute (of a clock the test sets, the application's movable clock) by answering errcode 45009, and
 * answers every other code call with a real PNG (a QR code of "page?scene=scene").
 */
public final class FakeWeChat implements AutoCloseable {

    public static final String APP_ID = "wx-test-app";
    public static final String SECRET = "test-secret";
    public static final int DEFAULT_LIMIT = 500;

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(32);
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<Clock> clock = new AtomicReference<>(Clock.systemUTC());
    private final AtomicInteger limit = new AtomicInteger(DEFAULT_LIMIT);
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicLong tokenFetches = new AtomicLong();
    private final AtomicLong tokenRefusals = new AtomicLong();
    /** Per minute: codes made, and calls refused for the limit. */
    private final Map<Long, int[]> minutes = new HashMap<>();

    public FakeWeChat() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(workers);
        server.createContext("/cgi-bin/token", this::token);
        server.createContext("/wxa/getwxacodeunlimit", this::code);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Counts minutes by this clock from now on. */
    public void useClock(Clock clock) {
        this.clock.set(clock);
    }

    /** Codes allowed per minute from now on. */
    public void limit(int perMinute) {
        limit.set(perMinute);
    }

    /** Every token issued so far stops working, as if a newer one had retired them. */
    public void revokeTokens() {
        validTokens.clear();
    }

    public long tokenFetches() {
        return tokenFetches.get();
    }

    public long tokenRefusals() {
        return tokenRefusals.get();
    }

    /** Codes made in the minute that holds {@code epochMillis}. */
    public synchronized int madeIn(long epochMillis) {
        return minutes.getOrDefault(epochMillis / 60_000, new int[2])[0];
    }

    /** Code calls refused with 45009 in the minute that holds {@code epochMillis}. */
    public synchronized int refusedIn(long epochMillis) {
        return minutes.getOrDefault(epochMillis / 60_000, new int[2])[1];
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        if (!APP_ID.equals(query.get("appid")) || !SECRET.equals(query.get("secret"))) {
            json(exchange, Map.of("errcode", 40013, "errmsg", "invalid appid"));
            return;
        }
        String token = "tok-" + tokenFetches.incrementAndGet() + "-" + System.nanoTime();
        validTokens.add(token);
        json(exchange, Map.of("access_token", token, "expires_in", 7200));
    }

    private void code(HttpExchange exchange) throws IOException {
        String token = query(exchange.getRequestURI()).get("access_token");
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = json.readTree(in.readAllBytes());
        }
        if (token == null || !validTokens.contains(token)) {
            tokenRefusals.incrementAndGet();
            json(exchange, Map.of("errcode", 40001, "errmsg", "invalid credential, access_token is invalid or not latest"));
            return;
        }
        String scene = body.path("scene").asText("");
        String page = body.path("page").asText("");
        if (scene.isEmpty() || scene.length() > 32) {
            json(exchange, Map.of("errcode", 40169, "errmsg", "invalid length for scene"));
            return;
        }
        if (!take()) {
            json(exchange, Map.of("errcode", 45009, "errmsg", "reach max api minute quota limit"));
            return;
        }
        byte[] png = png(page + "?scene=" + scene);
        exchange.getResponseHeaders().set("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, png.length);
        exchange.getResponseBody().write(png);
        exchange.close();
    }

    private synchronized boolean take() {
        int[] minute = minutes.computeIfAbsent(clock.get().millis() / 60_000, m -> new int[2]);
        if (minute[0] >= limit.get()) {
            minute[1]++;
            return false;
        }
        minute[0]++;
        return true;
    }

    /** A QR code rather than WeChat's round code, so a test can read it back. */
    private static byte[] png(String content) {
        return QrRenderer.png(content, 280);
    }

    private void json(HttpExchange exchange, Map<String, Object> answer) throws IOException {
        byte[] bytes = json.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json; encoding=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
