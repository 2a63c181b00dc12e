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
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Signs a pool of RS256 bearer tokens for distinct users drawn from a user-id space (e.g. 1,000,000 ids), the
 * tokens the local runners verify with the development public key. Signing runs on every core; one line per
 * user: {@code <user id> <token>}.
 *
 * <p>With {@code --order-amount} it signs attribute tokens instead, as the order system does for an order just
 * placed (header {@code X-Surge-Attributes}, verified with the attributes public key): one for each user of an
 * existing pool ({@code --users}, its first column), claims {@code iss} (default surge-orders-dev), {@code sub},
 * {@code iat}, {@code exp} (default 300 s later; the functions accept at most 10 minutes) and
 * {@code order_amount_cents}, and {@code order_id} ({@code <order-id-prefix><user>}) when a prefix is given.
 *
 * <pre>
 * tokens --key private.pem --out pool.txt --count 100000 --space 1000000 [--seed 7] [--ttl 604800]
 *        [--prefix u] [--tags vip,new] [--issuer surge-dev] [--admin]
 * tokens --key private.pem --subject operator --admin      (one token, printed)
 * tokens --key attributes-private.pem --order-amount 5000 --users pool.txt --out attributes.txt [--ttl 600]
 *        [--issuer surge-orders-dev] [--order-id-prefix o-]
 * </pre>
 */
final class TokenMint {

    private TokenMint() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Bench.options(args);
        PrivateKey key = privateKey(Path.of(Bench.required(o, "key")));
        if (o.containsKey("order-amount")) {
            attributes(o, key);
            return;
        }
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
        String[] subjects = new String[count];
        for (int i = 0; i < count; i++) {
            subjects[i] = prefix + String.format("%0" + width + "d", users[i]);
        }
        long started = System.nanoTime();
        sign(key, subjects, user -> "{\"iss\":\"" + issuer + "\",\"sub\":\"" + user + "\",\"iat\":" + now
                + ",\"exp\":" + (now + ttl) + extra + "}", out);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("signed %d tokens for distinct users of a %d-id space in %.1f s (%.0f/s), valid %d s%n",
                count, space, seconds, count / seconds, ttl);
    }

    /** Attribute tokens, one for each user of a pool, each for an order of the same amount. */
    private static void attributes(Map<String, String> o, PrivateKey key) throws Exception {
        long amount = Long.parseLong(Bench.required(o, "order-amount"));
        if (amount < 0) {
            throw new IllegalArgumentException("--order-amount wants whole cents of at least 0, got " + amount);
        }
        long ttl = Long.parseLong(o.getOrDefault("ttl", "300"));
        String issuer = o.getOrDefault("issuer", "surge-orders-dev");
        String orderPrefix = o.get("order-id-prefix");
        String[] subjects = Files.readAllLines(Path.of(Bench.required(o, "users")))
                .stream()
                .filter(l -> !l.isBlank())
                .map(l -> l.strip().split(" ", 2)[0])
                .toArray(String[]::new);
        Path out = Path.of(Bench.required(o, "out"));
        long now = System.currentTimeMillis() / 1000;
        long started = System.nanoTime();
        sign(key, subjects, user -> "{\"iss\":\"" + issuer + "\",\"sub\":\"" + user + "\",\"iat\":" + now
                + ",\"exp\":" + (now + ttl) + ",\"order_amount_cents\":" + amount
                + (orderPrefix == null ? "" : ",\"order_id\":\"" + orderPrefix + user + "\"") + "}", out);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("signed %d attribute tokens (order of %d cents) in %.1f s (%.0f/s), valid %d s%n",
                subjects.length, amount, seconds, subjects.length / seconds, ttl);
    }

    /** Signs one token per subject on every core and writes {@code <subject> <token>} lines to {@code out} at once. */
    private static void sign(PrivateKey key, String[] subjects, Function<String, String> claims, Path out)
            throws Exception {
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
        String[] lines = IntStream.range(0, subjects.length).parallel().mapToObj(i -> {
            String user = subjects[i];
            String signingInput = header + "." + b64(claims.apply(user).getBytes(StandardCharsets.UTF_8));
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
