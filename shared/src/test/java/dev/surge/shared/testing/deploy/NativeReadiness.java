package dev.surge.shared.testing.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.Type;

import dev.surge.shared.testing.Repo;

/**
 * What a function needs to run as a native image in a Lambda environment, checked from its sources, classes
 * and configuration:
 * <ul>
 * <li>every Lua script it or the shared module ships is matched by {@code quarkus.native.resources.includes};</li>
 * <li>every Surge type Jackson reads or writes outside a REST method (a {@code X.class} or
 * {@code TypeReference<X>} in a source that uses Jackson's {@code databind}) is registered for reflection, and
 * so is every Surge type its fields hold;</li>
 * <li>no class is loaded or opened up by name at run time;</li>
 * <li>in production, pools suit one request at a time per environment, and the in-process scheduler is off
 * where the schedules of the deployment run the jobs.</li>
 * </ul>
 */
public final class NativeReadiness {

    private static final DotName REGISTER = DotName.createSimple("io.quarkus.runtime.annotations.RegisterForReflection");
    private static final Pattern CLASS_LITERAL = Pattern.compile("(?<!getLogger\\()\\b([A-Z]\\w*)\\.class\\b");
    private static final Pattern TYPE_REFERENCE = Pattern.compile("TypeReference<(.+?)>\\s*\\(");
    private static final Pattern SIMPLE_NAME = Pattern.compile("\\b([A-Z]\\w*)\\b");
    private static final Pattern RUNTIME_LOADING = Pattern
            .compile("Class\\.forName\\(|\\.setAccessible\\(|getDeclaredMethod\\(");
    private static final Map<String, Integer> PROD_POOL_LIMITS = Map.of("quarkus.redis.max-pool-size", 8,
            "quarkus.datasource.reactive.max-size", 4, "quarkus.datasource.jdbc.max-size", 4);

    private NativeReadiness() {
    }

    public static List<String> problems(String function) {
        Path module = Repo.file("functions/" + function);
        Path shared = Repo.file("shared");
        List<String> problems = new ArrayList<>();
        Properties config = properties(module.resolve("src/main/resources/application.properties"));

        String includes = config.getProperty("quarkus.native.resources.includes",
                properties(shared.resolve("src/main/resources/META-INF/microprofile-config.properties"))
                        .getProperty("quarkus.native.resources.includes", ""));
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : includes.split(",")) {
            if (!glob.isBlank()) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.trim()));
            }
        }
        for (Path resources : List.of(module.resolve("src/main/resources"), shared.resolve("src/main/resources"))) {
            for (Path script : files(resources, ".lua")) {
                Path relative = resources.relativize(script);
                if (matchers.stream().noneMatch(m -> m.matches(relative))) {
                    problems.add(relative + " is not in quarkus.native.resources.includes (" + includes + ")");
                }
            }
        }

        IndexView index = index(module.resolve("target/classes"));
        Map<String, ClassInfo> bySimpleName = new HashMap<>();
        for (ClassInfo c : index.getKnownClasses()) {
            if (c.name().toString().startsWith("dev.surge.")) {
                bySimpleName.putIfAbsent(c.simpleName(), c);
            }
        }
        Set<String> serialized = new HashSet<>();
        for (Path source : sources(module, shared)) {
            String text = read(source);
            if (RUNTIME_LOADING.matcher(text).find()) {
                problems.add(Repo.root().relativize(source) + " loads or opens classes by name at run time");
            }
            if (!text.contains("import com.fasterxml.jackson.databind.")) {
                continue;
            }
            Matcher literal = CLASS_LITERAL.matcher(text);
            while (literal.find()) {
                serialized.add(literal.group(1));
            }
            Matcher reference = TYPE_REFERENCE.matcher(text);
            while (reference.find()) {
                Matcher names = SIMPLE_NAME.matcher(reference.group(1));
                while (names.find()) {
                    serialized.add(names.group(1));
                }
            }
        }
        Deque<ClassInfo> pending = new ArrayDeque<>();
        serialized.stream().map(bySimpleName::get).filter(c -> c != null && !c.isAnnotation()).forEach(pending::add);
        Set<DotName> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            ClassInfo type = pending.pop();
            if (!seen.add(type.name()) || type.isEnum() || type.isInterface() && type.isAnnotation()) {
                continue;
            }
            if (!type.hasDeclaredAnnotation(REGISTER)) {
                problems.add(type.name() + " is read or written by Jackson but not registered for reflection");
            }
            for (FieldInfo field : type.fields()) {
                if (java.lang.reflect.Modifier.isStatic(field.flags())) {
                    continue;
                }
                for (DotName name : names(field.type())) {
                    ClassInfo held = index.getClassByName(name);
                    if (held != null && name.toString().startsWith("dev.surge.")) {
                        pending.add(held);
                    }
                }
            }
        }

        PROD_POOL_LIMITS.forEach((key, limit) -> {
            String value = config.getProperty("%prod." + key, config.getProperty(key));
            if (value != null && Integer.parseInt(value.trim()) > limit) {
                problems.add(key + " is " + value + " in production; one request at a time needs at most " + limit);
            }
        });
        boolean scheduled = sources(module).stream().anyMatch(s -> read(s).contains("@Scheduled("));
        if (scheduled && !"false".equals(config.getProperty("%prod.quarkus.scheduler.enabled"))) {
            problems.add(
                    "jobs run in-process in production: set %prod.quarkus.scheduler.enabled=false (schedules invoke them)");
        }
        return problems;
    }

    private static List<DotName> names(Type type) {
        List<DotName> out = new ArrayList<>();
        switch (type.kind()) {
            case CLASS -> out.add(type.name());
            case PARAMETERIZED_TYPE -> {
                out.add(type.name());
                type.asParameterizedType().arguments().forEach(a -> out.addAll(names(a)));
            }
            case ARRAY -> out.addAll(names(type.asArrayType().constituent()));
            default -> {
            }
        }
        return out;
    }

    private static IndexView index(Path classes) {
        List<IndexView> indexes = new ArrayList<>();
        Indexer indexer = new Indexer();
        for (Path file : files(classes, ".class")) {
            try (InputStream in = Files.newInputStream(file)) {
                indexer.index(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        indexes.add(indexer.complete());
        try {
            for (URL url : Collections.list(NativeReadiness.class.getClassLoader().getResources("META-INF/jandex.idx"))) {
                try (InputStream in = url.openStream()) {
                    indexes.add(new IndexReader(in).read());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return org.jboss.jandex.CompositeIndex.create(indexes);
    }

    private static List<Path> sources(Path... modules) {
        List<Path> out = new ArrayList<>();
        for (Path module : modules) {
            out.addAll(files(module.resolve("src/main/java"), ".java"));
        }
        return out;
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }
}
