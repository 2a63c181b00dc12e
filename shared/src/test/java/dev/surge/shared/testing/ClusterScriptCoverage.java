package dev.surge.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

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

    /**
     * The build runs the cluster suite by class name (the pom's {@code surge.cluster.classes}, see the parent pom):
     * a class marked {@link OnRedisCluster} but missing from that list would run nowhere, as the standalone run
     * leaves it out by its tag.
     */
    @Test
    void theBuildRunsEveryClusterTest() {
        Assumptions.assumeTrue(Boolean.getBoolean("surge.cluster.coverage"), "only after a whole run");
        Set<String> listed = Arrays.stream(System.getProperty("surge.cluster.classes", "").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> marked = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(getClass().getPackageName())
                .stream()
                .filter(type -> type.isAnnotatedWith(OnRedisCluster.class))
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(marked.isEmpty(), "no @OnRedisCluster test found in " + getClass().getPackageName());
        assertEquals(marked, listed, "surge.cluster.classes in the function's pom names its @OnRedisCluster tests");
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
