package dev.surge.shared.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script kept as a file under {@code src/main/resources/lua}, read once. It runs by SHA; a server that
 * has not seen it yet (a fresh node, a failover, SCRIPT FLUSH) is sent the source once, which caches it.
 */
public final class LuaScript {

    private static final Pattern NOSCRIPT_IN_PIPELINE = Pattern.compile("(?m)^ERR \\[\\d+\\] NOSCRIPT");

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /** Loads {@code lua/<name>} from the class path. */
    public static LuaScript load(String name) {
        String resource = "lua/" + name;
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no script " + resource + " on the class path");
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read script " + resource, e);
        }
    }

    public String name() {
        return name;
    }

    public String sha() {
        return sha;
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        return redis.execute(Command.EVALSHA, arguments(sha, keys, args))
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.execute(Command.EVAL, arguments(source, keys, args)));
    }

    /** One call of the script in a pipeline: its keys and arguments. */
    public record Call(List<String> keys, List<String> args) {
    }

    /**
     * Runs the calls in one pipeline on one connection (one round trip), each by SHA, and answers their replies
     * in order. A server that lacks the script answers NOSCRIPT to each call; the pipeline is then sent once more
     * with the source, which caches it. Any error reply fails the whole pipeline (the client waits for all replies
     * and fails with one error listing them, a line {@code ERR [<index>] <error>} each). A cluster client sends a
     * pipeline to one node only: the keys of all calls must share one hash slot ({@link HashSlot}).
     */
    public Uni<List<Response>> runPipelined(Redis redis, List<Call> calls) {
        return redis.batch(requests(Command.EVALSHA, sha, calls))
                .onFailure(LuaScript::isNoScriptInPipeline)
                .recoverWithUni(() -> redis.batch(requests(Command.EVAL, source, calls)));
    }

    private static List<Request> requests(Command command, String script, List<Call> calls) {
        List<Request> requests = new ArrayList<>(calls.size());
        for (Call call : calls) {
            Request request = Request.cmd(command).arg(script).arg(call.keys().size());
            call.keys().forEach(request::arg);
            call.args().forEach(request::arg);
            requests.add(request);
        }
        return requests;
    }

    private static String[] arguments(String script, List<String> keys, List<String> args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.size());
        all.add(script);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static boolean isNoScriptInPipeline(Throwable failure) {
        return isNoScript(failure)
                || failure.getMessage() != null && NOSCRIPT_IN_PIPELINE.matcher(failure.getMessage()).find();
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
