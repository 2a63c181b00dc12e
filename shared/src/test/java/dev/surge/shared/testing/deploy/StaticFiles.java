package dev.surge.shared.testing.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.surge.shared.testing.Repo;

/**
 * Static files a function serves from {@code src/main/resources/META-INF/resources} (the admin function's operator
 * console under {@code /console/}): a route to them names a folder of files, not a JAX-RS endpoint, and leads to
 * nothing but files, so it needs no authorizer.
 */
public final class StaticFiles {

    private StaticFiles() {
    }

    /**
     * True when the route is a GET, demands nothing, and its path ({@code /console/{proxy+}}) names a folder of the
     * function's static files.
     */
    public static boolean served(String function, Route route) {
        if (!route.method().equals("GET") || route.access() != Access.NONE) {
            return false;
        }
        String path = route.path();
        if (!path.endsWith("/{proxy+}")) {
            return false;
        }
        path = path.substring(0, path.length() - "{proxy+}".length());
        if (path.contains("{") || path.equals("/")) {
            return false;
        }
        Path folder = Repo.file("functions/" + function + "/src/main/resources/META-INF/resources" + path);
        return Files.isDirectory(folder) && Files.exists(folder.resolve("index.html"));
    }
}
