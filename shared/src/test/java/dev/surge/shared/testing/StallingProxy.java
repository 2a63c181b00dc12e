package dev.surge.shared.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a real server that can hold back what a client sends: everything, or only a
 * packet holding a given word (say the {@code COMMIT} of a transaction). It makes "the server went slow at
 * exactly this point" reproducible without touching the server. It can also count the client packets holding a
 * word: a pipeline the client writes at once arrives as one packet, separate calls as one packet each.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicReference<String> holdWord = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
    private final CountDownLatch held = new CountDownLatch(1);
    private final AtomicReference<String> countWord = new AtomicReference<>();
    private final AtomicLong packetsCounted = new AtomicLong();
    private final AtomicLong occurrencesCounted = new AtomicLong();

    public StallingProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "stalling-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, a client packet containing {@code word} is held until {@link #release()}. */
    public void holdPacketsContaining(String word) {
        gate.set(new CountDownLatch(1));
        holdWord.set(word);
    }

    /** From now on, every client packet is held until {@link #release()}. */
    public void holdEverything() {
        gate.set(new CountDownLatch(1));
        holdWord.set("");
    }

    /** Lets everything held through, and stops holding. */
    public void release() {
        holdWord.set(null);
        gate.get().countDown();
    }

    /** What client packets holding a word the proxy saw: how many, and how often the word occurs in them. */
    public record PacketCount(long packets, long occurrences) {
    }

    /** From now on (and from zero), counts the client packets holding {@code word}. */
    public void countPacketsContaining(String word) {
        countWord.set(null);
        packetsCounted.set(0);
        occurrencesCounted.set(0);
        countWord.set(word);
    }

    /** The client packets holding the word counted since {@link #countPacketsContaining(String)}. */
    public PacketCount counted() {
        return new PacketCount(packetsCounted.get(), occurrencesCounted.get());
    }

    /** Waits until some packet is being held. */
    public boolean awaitHeld(long millis) throws InterruptedException {
        return held.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void count(String packet, String word) {
        long occurrences = 0;
        for (int at = packet.indexOf(word); at >= 0; at = packet.indexOf(word, at + word.length())) {
            occurrences++;
        }
        if (occurrences > 0) {
            packetsCounted.incrementAndGet();
            occurrencesCounted.addAndGet(occurrences);
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    String word = holdWord.get();
                    String counting = countWord.get();
                    String packet = fromClient && (word != null || counting != null)
                            ? new String(buffer, 0, n, StandardCharsets.ISO_8859_1)
                            : null;
                    if (counting != null && packet != null) {
                        count(packet, counting);
                    }
                    if (word != null && packet != null && (word.isEmpty() || packet.contains(word))) {
                        held.countDown();
                        gate.get().await();
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side closed: close the other so the peer sees it too.
            } finally {
                try {
                    to.close();
                    from.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        }, "stalling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }
}
