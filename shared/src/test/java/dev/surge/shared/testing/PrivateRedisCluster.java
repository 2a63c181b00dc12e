package dev.surge.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Redis Cluster of the test's own, as production runs Redis (ElastiCache in cluster mode): three masters without
 * replicas, from the same {@code redis-server} binary as the shared server. Each node announces a
 * {@link StallingProxy} in front of it as its address, so the cluster client reaches every node through a proxy and
 * a test can count what it sends to each. The function under test is pointed at it with
 * {@code quarkus.redis.client-type=cluster}.
 */
public class PrivateRedisCluster implements QuarkusTestResourceLifecycleManager {

    private static final int MASTERS = 3;
    private static final Duration READY = Duration.ofSeconds(20);

    private static volatile List<Node> nodes = List.of();

    private final List<Process> servers = new ArrayList<>();
    private Path dir;

    /** A master: where it listens, the proxy it announces, and the hash slots it serves. */
    public record Node(int port, StallingProxy proxy, int firstSlot, int lastSlot) {

        public boolean serves(int slot) {
            return slot >= firstSlot && slot <= lastSlot;
        }
    }

    /** The masters of the running cluster. */
    public static List<Node> nodes() {
        return nodes;
    }

    /** The master serving a hash slot. */
    public static Node nodeServing(int slot) {
        return nodes.stream()
                .filter(n -> n.serves(slot))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node serves slot " + slot));
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("surge-redis-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> ports = new ArrayList<>();
        List<StallingProxy> proxies = new ArrayList<>();
        for (int i = 0; i < MASTERS; i++) {
            int port = freePort();
            int busPort = freePort();
            StallingProxy proxy = new StallingProxy(port);
            servers.add(startNode(port, busPort, proxy.port()));
            ports.add(port);
            proxies.add(proxy);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(p -> create.add(LocalServices.HOST + ":" + p));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        run(create);
        List<Node> started = new ArrayList<>();
        for (int i = 0; i < MASTERS; i++) {
            awaitClusterOk(ports.get(i));
            int[] slots = slotsOf(ports.get(i));
            started.add(new Node(ports.get(i), proxies.get(i), slots[0], slots[1]));
        }
        nodes = List.copyOf(started);
        return Map.of("quarkus.redis.client-type", "cluster", "quarkus.redis.hosts",
                proxies.stream()
                        .map(p -> "redis://" + LocalServices.HOST + ":" + p.port())
                        .collect(Collectors.joining(",")));
    }

    @Override
    public void stop() {
        servers.forEach(Process::destroy);
        for (Node node : nodes) {
            try {
                node.proxy().close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
        nodes = List.of();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary directory; best effort.
            }
        }
    }

    private Process startNode(int port, int busPort, int announcedPort) {
        return PrivateRedis.startServer(List.of("redis-server", "--bind", LocalServices.HOST, "--port",
                Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf", "--cluster-port",
                Integer.toString(busPort), "--cluster-announce-ip", LocalServices.HOST, "--cluster-announce-port",
                Integer.toString(announcedPort), "--cluster-announce-bus-port", Integer.toString(busPort)), port);
    }

    /** Waits until the node sees every slot served (the cluster formed), polling its CLUSTER INFO. */
    private static void awaitClusterOk(int port) {
        Awaitility.await("the Redis cluster forms within " + READY)
                .atMost(READY)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> run(List.of("redis-cli", "-h", LocalServices.HOST, "-p", Integer.toString(port), "cluster",
                        "info")).contains("cluster_state:ok"));
    }

    /** The first and last slot a node serves, from its own line of CLUSTER NODES ("... myself,master ... 0-5460"). */
    private static int[] slotsOf(int port) {
        String all = run(List.of("redis-cli", "-h", LocalServices.HOST, "-p", Integer.toString(port), "cluster",
                "nodes"));
        for (String line : all.split("\n")) {
            if (line.contains("myself")) {
                String[] fields = line.trim().split(" ");
                String[] range = fields[fields.length - 1].split("-");
                return new int[]{Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])};
            }
        }
        throw new IllegalStateException("no own line in CLUSTER NODES of " + port + ": " + all);
    }

    private static String run(List<String> command) {
        return LocalServices.output(command);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LocalServices.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
