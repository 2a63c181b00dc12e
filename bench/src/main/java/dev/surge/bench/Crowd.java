package dev.surge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The crowd: a pool of signed bearer tokens for distinct users (bench/.tokens/, reused while valid for another
 * day, signing being the slow part), and each user's attribute token, the order system's signed order amount.
 */
final class Crowd {

    /** The longest lifetime the functions accept for an attribute token (surge.attributes.max-lifetime). */
    static final int ATTRIBUTES_TTL = 600;

    private final Lab lab;
    final Path tokens;
    private final List<String[]> users;
    private Path attributes;
    private long attributesExpire;
    private Map<String, String> attributeOf = Map.of();

    private Crowd(Lab lab, Path tokens) {
        this.lab = lab;
        this.tokens = tokens;
        this.users = Load.lines(tokens).stream().map(line -> line.split(" ", 2)).toList();
    }

    /** A pool of {@code count} signed tokens for distinct users of a 1,000,000-id space. */
    static Crowd of(Lab lab, int count) {
        Path dir = lab.root.resolve("bench/.tokens");
        Path file = dir.resolve("pool-" + count + ".txt");
        Path key = lab.root.resolve("config/dev-keys/private.pem");
        try {
            Files.createDirectories(dir);
            if (Files.exists(file) && modified(file).isAfter(Instant.now().minus(Duration.ofMinutes(8640)))
                    && !modified(key).isAfter(modified(file))) {
                Lab.say("reusing the pool of " + count + " tokens (bench/.tokens/)");
            } else {
                Lab.say("signing " + count + " tokens for distinct users of a 1,000,000-id space");
                lab.tool("tokens", "--key", key.toString(), "--out", file.toString(), "--count", Integer.toString(count),
                        "--space", "1000000", "--ttl", Integer.toString(7 * 86400));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Crowd(lab, file);
    }

    int size() {
        return users.size();
    }

    /** The user and token of line {@code n} (1-based). */
    String[] user(int n) {
        return users.get(n - 1);
    }

    /** The users of every {@code n}-th line, a line each. */
    String every(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = n; i <= users.size(); i += n) {
            out.append(users.get(i - 1)[0]).append('\n');
        }
        return out.toString();
    }

    /**
     * An attribute token for each user, as the order system signs one for an order of {@code cents} just placed;
     * reused while it lasts {@code needed} more seconds, signed again otherwise.
     */
    Path attributes(int cents, int needed) {
        if (needed > ATTRIBUTES_TTL) {
            throw Lab.die("attribute tokens live at most " + ATTRIBUTES_TTL + " s, and a stretch of phases needs "
                    + needed + " s: lower BENCH_DURATION");
        }
        Path key = lab.settings.attributesKey(lab.root);
        String name = tokens.getFileName().toString().replaceFirst("\\.txt$", "");
        Path file = tokens.resolveSibling("attributes-" + name + "-" + cents + ".txt");
        try {
            if (!file.equals(attributes)) {
                attributes = file;
                attributesExpire = 0;
                if (Files.exists(file) && !modified(tokens).isAfter(modified(file)) && !modified(key).isAfter(modified(file))) {
                    attributesExpire = expiry(file);
                }
            }
            long now = Instant.now().getEpochSecond();
            if (!Files.exists(file) || attributesExpire - now < needed) {
                Lab.say("signing attribute tokens (an order of " + cents + " cents, valid " + ATTRIBUTES_TTL
                        + " s) for the " + users.size() + " users of the pool");
                lab.tool("tokens", "--key", key.toString(), "--order-amount", Integer.toString(cents), "--users",
                        tokens.toString(), "--out", file.toString(), "--ttl", Integer.toString(ATTRIBUTES_TTL),
                        "--order-id-prefix", "bench-order-");
                attributesExpire = expiry(file);
                attributeOf = Map.of();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The user's attribute token in the current pool of attribute tokens. */
    String attributeOf(String user) {
        if (attributeOf.isEmpty()) {
            Map<String, String> byUser = new HashMap<>();
            for (String line : Load.lines(attributes)) {
                String[] f = line.split(" ", 2);
                byUser.putIfAbsent(f[0], f[1]);
            }
            attributeOf = byUser;
        }
        return attributeOf.get(user);
    }

    /** The "exp" of the first token of a pool (a pool is signed at one instant); 0 when it cannot be read. */
    private static long expiry(Path file) {
        try {
            String token = Load.lines(file).get(0).split(" ", 2)[1];
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            return Admin.JSON.readTree(payload).path("exp").asLong(0);
        } catch (RuntimeException | IOException e) {
            return 0;
        }
    }

    private static Instant modified(Path file) throws IOException {
        FileTime time = Files.getLastModifiedTime(file);
        return time.toInstant();
    }
}
