package dev.surge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A scenario's table of invariants: each check a row, pass or fail; one failure fails the run. */
final class Invariants {

    static final String HEADER = "| result | invariant | detail |\n|---|---|---|\n";

    private final Path file;
    private int held;
    private int checked;
    private final Run run;

    Invariants(Path file, Run run) {
        this.file = file;
        this.run = run;
        write(HEADER, false);
    }

    Path file() {
        return file;
    }

    void check(String what, boolean ok, String detail) {
        checked++;
        if (ok) {
            held++;
            write("| pass | " + what + " | " + detail + " |\n", true);
            Lab.say("invariant holds: " + what + " (" + detail + ")");
        } else {
            write("| **FAIL** | " + what + " | " + detail + " |\n", true);
            Lab.say("INVARIANT BROKEN: " + what + " (" + detail + ")");
            run.fail();
        }
    }

    /** "N of M hold". */
    String held() {
        return held + " of " + checked + " hold";
    }

    String table() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String text, boolean append) {
        try {
            if (append) {
                Files.writeString(file, text, StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
