package dev.surge.shared.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Redis server of the test's own, from the same {@code redis-server} binary as the shared one, for tests that
 * pause or stop Redis: a pause of the shared server would stall every other suite using it. The function under
 * test is pointed at it; {@link #pause(Duration)} pauses it as an operator's {@code CLIENT PAUSE} would.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    private static volatile int port;
    private Process server;

    @Override
    public Map<String, String> start() {
        port = freePort();
        server = startServer(List.of("redis-server", "--bind", LocalServices.HOST, "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no"), port);
        return Map.of("quarkus.redis.hosts", "redis://" + LocalServices.HOST + ":" + port);
    }

    /**
     * Starts a {@code redis-server} with {@code command} and returns once it takes connections on {@code port}. The
     * server says when it does; its log is read to the end so it never blocks on it.
     */
    static Process startServer(List<String> command, int port) {
        Process started;
        try {
            started = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread log = new Thread(() -> {
            try (BufferedReader lines = started.inputReader()) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.contains("Ready to accept connections")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("redis-server exited"));
        }, "private-redis-log-" + port);
        log.setDaemon(true);
        log.start();
        try {
            ready.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("redis-server did not start on " + port, e);
        }
        return started;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    /**
     * Pauses every client of the server for the duration, from a connection of the test's own.
     *
     * @return when Redis confirmed the pause (nanoTime); it ends at most the duration after that
     */
    public static long pause(Duration duration) {
        return send("CLIENT", "PAUSE", Long.toString(duration.toMillis()), "ALL");
    }

    private static long send(String... command) {
        StringBuilder resp = new StringBuilder("*").append(command.length).append("\r\n");
        for (String part : command) {
            resp.append('$').append(part.length()).append("\r\n").append(part).append("\r\n");
        }
        try (Socket socket = new Socket(LocalServices.HOST, port)) {
            socket.getOutputStream().write(resp.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            int first = socket.getInputStream().read();
            long confirmed = System.nanoTime();
            if (first != '+') {
                throw new IllegalStateException("Redis refused " + String.join(" ", command));
            }
            return confirmed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LocalServices.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
