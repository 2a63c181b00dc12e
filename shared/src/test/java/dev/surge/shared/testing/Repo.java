package dev.surge.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout a test runs in: its root holds {@code mvnw}, {@code scripts/} and {@code config/}. */
public final class Repo {

    private Repo() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("functions"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside a Surge checkout: " + dir);
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
