package dev.surge.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Redis Cluster of the cluster suite ({@code scripts/services cluster}, 127.0.0.1:7101-7106): which node serves
 * a slot now, killing one as a crash would, and bringing the cluster back whole.
 */
public final class LocalRedisCluster {

    private LocalRedisCluster() {
    }

    /** The port of the master serving {@code slot} now, asked of any node that answers. */
    public static int masterServing(int slot) {
        String nodes = nodes();
        for (String line : nodes.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                if (range[0].startsWith("[")) {
                    continue;
                }
                int first = Integer.parseInt(range[0]);
                int last = Integer.parseInt(range[range.length - 1]);
                if (slot >= first && slot <= last) {
                    String address = fields[1];
                    return Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot + ":\n" + nodes);
    }

    /** The port of the replica of the master on {@code masterPort}. */
    public static int replicaOf(int masterPort) {
        String nodes = nodes();
        String masterId = null;
        for (String line : nodes.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length > 2 && fields[1].startsWith(LocalServices.HOST + ":" + masterPort + "@")) {
                masterId = fields[0];
            }
        }
        for (String line : nodes.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length > 3 && fields[2].contains("slave") && fields[3].equals(masterId)) {
                String address = fields[1];
                return Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
            }
        }
        throw new IllegalStateException("no replica of :" + masterPort + ":\n" + nodes);
    }

    /** Kills the node on {@code port} at once (SIGKILL): no shutdown, no last replication. */
    public static void kill(int port) {
        signal(port, "-KILL");
    }

    /**
     * Freezes the node on {@code port} (SIGSTOP): it receives nothing, so a replica falls behind its master while
     * the master goes on acknowledging writes. A frozen node answers nothing, so {@link #resume} takes the process
     * id this returns.
     */
    public static String pause(int port) {
        return signal(port, "-STOP");
    }

    public static void resume(String pid) {
        LocalServices.exec(List.of("kill", "-CONT", pid), true);
    }

    private static String signal(int port, String signal) {
        String answer = LocalServices.output(List.of("redis-cli", "-h", LocalServices.HOST, "-p", Integer.toString(port),
                "config", "get", "pidfile"));
        String pidFile = answer.trim().split("\n")[1].trim();
        try {
            String pid = Files.readString(Path.of(pidFile)).trim();
            LocalServices.exec(List.of("kill", signal, pid), true);
            return pid;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts whatever node is down (it rejoins from its cluster file) and waits until every slot is served. */
    public static void restore() {
        LocalServices.exec(List.of("bash", Repo.file("scripts/services").toString(), "cluster"), true);
    }

    private static String nodes() {
        for (int port : LocalServices.CLUSTER_PORTS) {
            if (LocalServices.listening(port)) {
                try {
                    return LocalServices.output(List.of("redis-cli", "-h", LocalServices.HOST, "-p", Integer.toString(port),
                            "cluster", "nodes"));
                } catch (IllegalStateException e) {
                    // Try the next node.
                }
            }
        }
        throw new IllegalStateException("no node of the Redis Cluster answers");
    }
}
