package dev.surge.shared.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP server that accepts connections and reads what it is sent, but never answers: to a client it is a
 * paused or wedged Redis. One per JVM, started on first use, on a free port of 127.0.0.1.
 */
public final class StalledRedis {

    private static ServerSocket server;

    private StalledRedis() {
    }

    public static synchronized int port() {
        if (server == null) {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(StalledRedis::accept, "stalled-redis");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return server.getLocalPort();
    }

    private static void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> swallow(socket), "stalled-redis-conn");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void swallow(Socket socket) {
        byte[] buffer = new byte[4096];
        try (InputStream in = socket.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // Read and drop: the client must see a server that takes requests and never replies.
            }
        } catch (IOException e) {
            // The client gave up; nothing to do.
        }
    }
}
