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
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a real server that can hold back what a client sends: everything, or only a
 * packet holding a given word (say the {@code COMMIT} of a transaction). It makes "the server went slow at
 * exactly this point" reproducible without touching the server.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicReference<String> holdWord = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
    private final CountDownLatch held = new CountDownLatch(1);

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

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    String word = holdWord.get();
                    if (fromClient && word != null
                            && (word.isEmpty() || new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(word))) {
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
