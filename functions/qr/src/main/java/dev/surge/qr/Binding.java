package dev.surge.qr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a code resolves to once bound: the caller's real target.
 *
 * @param page the mini-program page (or site path) to open
 * @param params its parameters, sorted by name
 * @param businessType what the code is for; it chose the pool
 */
@RegisterForReflection
public record Binding(String page, Map<String, String> params, String businessType) {

    public Binding {
        params = new TreeMap<>(params == null ? Map.of() : params);
    }

    /** A digest of the whole binding: a replay of an idempotency key must carry the same one. */
    public String fingerprint() {
        StringBuilder text = new StringBuilder().append(businessType).append('\n').append(page).append('\n');
        params.forEach((k, v) -> text.append(k.length())
                .append(':')
                .append(k)
                .append('=')
                .append(v.length())
                .append(':')
                .append(v)
                .append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
