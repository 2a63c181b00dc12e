package dev.surge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A scenario's figures, written as they come to {@code figures-<scenario>.properties} (what {@code targets},
 * {@code summary} and {@code capacity} read), and the key=value summaries the load generators write.
 */
final class Figures {

    private final Path file;
    private final Map<String, String> values = new LinkedHashMap<>();

    Figures(Path file) {
        this.file = file;
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file() {
        return file;
    }

    /** Sets a figure; the file is written again, so it always holds what {@link #get} answers. */
    void put(String key, Object value) {
        values.put(key, value == null ? "" : value.toString());
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String key) {
        return values.getOrDefault(key, "");
    }

    /** A key=value file's values (the first of a key counts); empty when the file is missing. */
    static Map<String, String> read(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void append(Path file, String key, Object value) {
        try {
            Files.writeString(file, key + "=" + value + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number with {@code digits} decimals, as the reports print them. */
    static String fixed(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    static double number(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
