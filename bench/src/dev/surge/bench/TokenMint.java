package dev.surge.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.BitSet;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Signs a pool of RS256 bearer tokens for distinct users drawn from a user-id space (e.g. 1,000,000 ids), the
 * tokens the local runners verify with the development public key. Signing runs on every core; one line per
 * user: {@code <user id> <token>}.
 *
 * <pre>
 * tokens --key private.pem --out pool.txt --count 100000 --space 1000000 [--seed 7] [--ttl 604800]
 *        [--prefix u] [--tags vip,new] [--issuer surge-dev] [--admin]
 * tokens --key private.pem --subject operator --admin      (one token, printed)
 * </pre>
 */
final class TokenMint {

    private TokenMint() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Bench.options(args);
        PrivateKey key = privateKey(Path.of(Bench.required(o, "key")));
        int count = Integer.parseInt(o.getOrDefault("count", "1000"));
        int space = Integer.parseInt(o.getOrDefault("space", Integer.toString(count)));
        long seed = Long.parseLong(o.getOrDefault("seed", "7"));
        long ttl = Long.parseLong(o.getOrDefault("ttl", "604800"));
        String prefix = o.getOrDefault("prefix", "u");
        String issuer = o.getOrDefault("issuer", "surge-dev");
        String extra = extraClaims(o.get("tags"), Boolean.parseBoolean(o.getOrDefault("admin", "false")));
        if (o.containsKey("subject")) {
            System.out.println(token(key, issuer, o.get("subject"), System.currentTimeMillis() / 1000, ttl, extra));
            return;
        }
        Path out = Path.of(Bench.required(o, "out"));
        if (count > space) {
            throw new IllegalArgumentException("--count " + count + " exceeds --space " + space);
        }
        int[] users = pick(count, space, seed);
        int width = Integer.toString(space).length();
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        ThreadLocal<Signature> signers = ThreadLocal.withInitial(() -> {
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(key);
                return s;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long started = System.nanoTime();
        String[] lines = IntStream.range(0, count).parallel().mapToObj(i -> {
            String user = prefix + String.format("%0" + width + "d", users[i]);
            String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + user + "\",\"iat\":" + now + ",\"exp\":"
                    + (now + ttl) + extra + "}";
            String signingInput = header + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
            try {
                Signature signer = signers.get();
                signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return user + " " + signingInput + "." + b64(signer.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toArray(String[]::new);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("signed %d tokens for distinct users of a %d-id space in %.1f s (%.0f/s), valid %d s%n",
                count, space, seconds, count / seconds, ttl);
    }

    /** {@code count} distinct ids in 1..space, in random order, the same for the same seed. */
    static int[] pick(int count, int space, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BitSet taken = new BitSet(space + 1);
        int[] out = new int[count];
        int n = 0;
        if (count * 2L > space) {
            int[] all = IntStream.rangeClosed(1, space).toArray();
            for (int i = all.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            System.arraycopy(all, 0, out, 0, count);
            return out;
        }
        while (n < count) {
            int id = 1 + random.nextInt(space);
            if (!taken.get(id)) {
                taken.set(id);
                out[n++] = id;
            }
        }
        return out;
    }

    private static String token(PrivateKey key, String issuer, String subject, long now, long ttl, String extra)
            throws Exception {
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"iat\":" + now + ",\"exp\":"
                + (now + ttl) + extra + "}";
        String signingInput = header + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(signer.sign());
    }

    private static String extraClaims(String tags, boolean admin) {
        StringBuilder sb = new StringBuilder();
        if (tags != null && !tags.isBlank()) {
            sb.append(",\"tags\":[");
            String[] parts = tags.split(",");
            for (int i = 0; i < parts.length; i++) {
                sb.append(i == 0 ? "" : ",").append('"').append(parts[i].trim()).append('"');
            }
            sb.append(']');
        }
        if (admin) {
            sb.append(",\"scope\":\"surge/admin\"");
        }
        return sb.toString();
    }

    static PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem);
        if (!text.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException(pem + " is not a PKCS#8 PEM private key");
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
