package dev.surge.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.surge.shared.redis.LuaScript;

/**
 * Checked after a function's cluster suite ({@link OnRedisCluster}): every Lua script of the function ran on the
 * Redis Cluster during it. {@link LocalServices} flushed the nodes' script caches when the suite started, and a
 * script is cached on a node only once it ran there; so a script no cluster test reaches, whose keys could span
 * slots unnoticed, fails here. Each function's test sources have a subclass naming its scripts' directories.
 */
public abstract class ClusterScriptCoverage {

    /** The directories of the function's scripts, relative to the repository. */
    protected abstract List<String> scriptDirectories();

    @Test
    void everyScriptRanOnTheCluster() {
        // A run of selected tests (-Dtest) ran part of the suite, if any of it.
        Assumptions.assumeTrue(Boolean.getBoolean("surge.cluster.coverage"), "only after a whole run");
        Map<String, String> notRun = new TreeMap<>();
        for (String directory : scriptDirectories()) {
            try (Stream<Path> files = Files.list(Repo.file(directory))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".lua")).sorted().toList()) {
                    LuaScript script = LuaScript.load(file.getFileName().toString());
                    if (!cachedOnAMaster(script.sha())) {
                        notRun.put(script.name(), script.sha());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertFalse(scriptDirectories().isEmpty());
        assertEquals(Map.of(), notRun, "scripts no cluster test ran (tag a test that runs each @OnRedisCluster)");
    }

    private static boolean cachedOnAMaster(String sha) {
        for (int port : LocalServices.CLUSTER_PORTS) {
            String answer = LocalServices.output(List.of("redis-cli", "-h", LocalServices.HOST, "-p",
                    Integer.toString(port), "script", "exists", sha));
            if (answer.trim().equals("1")) {
                return true;
            }
        }
        return false;
    }
}
