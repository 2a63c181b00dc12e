package dev.surge.shared.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

import io.smallrye.jwt.util.KeyUtils;

/**
 * Verification keys as configured: the PEM text itself (how a Lambda gets it, in an environment variable), a file
 * path, or {@code classpath:name}.
 */
final class PublicKeys {

    private static final String PEM = "-----BEGIN";
    private static final String CLASSPATH = "classpath:";

    private PublicKeys() {
    }

    /** @throws IllegalStateException naming the setting when the key cannot be read */
    static PublicKey load(String setting, String value) {
        try {
            return KeyUtils.decodePublicKey(value.contains(PEM) ? value : read(value));
        } catch (Exception e) {
            String where = value.contains(PEM) ? "the PEM text given" : value;
            throw new IllegalStateException("cannot load the public key of " + setting + " from " + where, e);
        }
    }

    private static String read(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String name = location.substring(CLASSPATH.length());
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("no resource " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(Path.of(location));
    }
}
