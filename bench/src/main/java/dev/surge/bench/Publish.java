package dev.surge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code publish [REPORT-DIR]}: copies a report (default: the latest) to {@code docs/bench/<scenario>.md} and its
 * plots to {@code docs/images/bench/<scenario>/}, the committed place.
 */
final class Publish {

    private Publish() {
    }

    static void publish(Path root, Path report) throws IOException {
        if (!Files.exists(report.resolve("report.md"))) {
            throw Lab.die("no report in " + report);
        }
        String dir = report.toRealPath().getFileName().toString();
        String name = dir.substring(dir.indexOf('-') + 1);
        Path images = root.resolve("docs/images/bench/" + name);
        Files.createDirectories(root.resolve("docs/bench"));
        Files.createDirectories(images);
        List<Path> plots;
        try (Stream<Path> files = Files.list(report)) {
            plots = files.filter(p -> p.toString().endsWith(".png")).toList();
        }
        try (Stream<Path> old = Files.list(images)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.delete(p);
            }
        }
        // A scenario without plots (burst) publishes its report alone.
        if (plots.isEmpty()) {
            Files.delete(images);
        }
        for (Path plot : plots) {
            Files.copy(plot, images.resolve(plot.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        String text = Files.readString(report.resolve("report.md"))
                .replaceAll("\\]\\(([a-z-]*\\.png)\\)",
                        "](../images/bench/" + name + "/$1)");
        Files.writeString(root.resolve("docs/bench/" + name + ".md"), text);
        Lab.say("published to docs/bench/" + name + ".md and docs/images/bench/" + name + "/");
    }
}
