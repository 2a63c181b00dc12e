package dev.surge.shared.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A second instance of the function under test, in a JVM of its own, for tests of what must hold across a fleet
 * (a limit kept in Redis, not in a process). The test running in this JVM is one instance; the other is a child
 * JVM on the same class path that runs a "host" test of the function (a {@code @QuarkusTest} whose profile is
 * {@link #hostConfig()} and whose one test method calls {@link #serveUntilClosed()}): the same application, built
 * the same way as the test's own, serving HTTP on a port of its own, on the Redis key prefix and database it is
 * handed. It serves until {@link #close()}.
 */
public final class SecondInstance implements AutoCloseable {

    /** The line the host prints once its application serves. */
    public static final String READY = "surge-second-instance-ready";
    /** System properties of the child that carry its configuration, under this prefix. */
    private static final String CONFIG = "surge.second.config.";
    private static final int KEPT_LINES = 80;

    private final Process process;
    private final int port;

    private SecondInstance(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code host} in a new JVM and waits until its application serves.
     *
     * @param config configuration of the second instance (Redis key prefix, database...), on top of its test profile
     */
    public static SecondInstance start(Class<?> host, Map<String, String> config, Duration patience) {
        int port = freePort();
        Map<String, String> all = new HashMap<>(config);
        all.put("quarkus.http.test-port", Integer.toString(port));
        all.put("quarkus.lambda.mock-event-server.test-port", Integer.toString(port));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        if (System.getProperty("maven.home") != null) {
            command.add("-Dmaven.home=" + System.getProperty("maven.home"));
        }
        all.forEach((key, value) -> command.add("-D" + CONFIG + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SecondInstance.class.getName());
        command.add(host.getName());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a second JVM", e);
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Deque<String> last = new ArrayDeque<>();
        Thread log = new Thread(() -> {
            try (BufferedReader lines = process.inputReader()) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println("[second instance] " + line);
                    synchronized (last) {
                        last.addLast(line);
                        if (last.size() > KEPT_LINES) {
                            last.removeFirst();
                        }
                    }
                    if (line.contains(READY)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the second instance exited"));
        }, "second-instance-log");
        log.setDaemon(true);
        log.start();
        try {
            ready.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            String tail;
            synchronized (last) {
                tail = String.join("\n", last);
            }
            throw new IllegalStateException("the second instance did not serve within " + patience + ":\n" + tail, e);
        }
        return new SecondInstance(process, port);
    }

    /** The port the second instance serves HTTP on. */
    public int port() {
        return port;
    }

    /** Asks the host to stop (its standard input ends), and kills it if it has not within 30 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The configuration the parent handed the child, for the host's test profile ({@code getConfigOverrides}); empty
     * in any other JVM.
     */
    public static Map<String, String> hostConfig() {
        Map<String, String> config = new HashMap<>();
        System.getProperties().forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith(CONFIG)) {
                config.put(name.substring(CONFIG.length()), value.toString());
            }
        });
        return config;
    }

    /** The host's test body: tells the parent the application serves, then serves until the parent closes stdin. */
    public static void serveUntilClosed() {
        PrintWriter out = new PrintWriter(System.out, true);
        out.println(READY);
        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // Nothing is sent; the end of the stream is the signal.
            }
        } catch (IOException e) {
            // The parent is gone: stop too.
        }
    }

    /** The child's entry point: runs the host test class named by the first argument. */
    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(args[0]))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        PrintWriter out = new PrintWriter(System.out, true);
        summary.getSummary().printTo(out);
        summary.getSummary().printFailuresTo(out, 20);
        out.flush();
        System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LocalServices.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
