package dev.surge.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A benchmark run: its report directory, the scenarios it ran in order, and whether anything failed. */
final class Run {

    final Path report;
    final Path raw;
    final List<String> scenarios = new ArrayList<>();
    private boolean failed;

    Run(Path report) {
        this.report = report;
        this.raw = report.resolve("raw");
    }

    void fail() {
        failed = true;
    }

    boolean failed() {
        return failed;
    }
}
