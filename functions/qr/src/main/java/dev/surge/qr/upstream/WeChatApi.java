package dev.surge.qr.upstream;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.IssuedImage;
import dev.surge.qr.config.QrConfig;

/**
 * The two calls of the WeChat API the pools need: an access token, and an unlimited mini-program code
 * ({@code getwxacodeunlimit}). The JDK's HTTP client keeps the function free of another HTTP stack. An error
 * code in an answer is an answer, not a failure; only transport errors and non-200 statuses count against the
 * circuit breaker.
 */
@ApplicationScoped
@Timeout
@CircuitBreaker
public class WeChatApi {

    /** An answer of the token endpoint: a token, or an error code. */
    public record TokenAnswer(String accessToken, long expiresInSeconds, int errcode, String errmsg) {
    }

    /** An answer of the code endpoint: an image, or an error code. */
    public record CodeAnswer(IssuedImage image, int errcode, String errmsg) {
    }

    private final HttpClient http;
    private final String base;
    private final QrConfig.WeChat config;
    private final ObjectMapper json;
    private final Duration timeout;

    public WeChatApi(QrConfig config, ObjectMapper json) {
        this.config = config.wechat();
        this.json = json;
        this.timeout = Duration.ofMillis(config.upstreamTimeoutMs());
        this.base = this.config.baseUrl().toString().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Uni<TokenAnswer> token() {
        if (config.appId().isEmpty() || config.secret().isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException("surge.qr.wechat.app-id and secret are not set"));
        }
        URI uri = URI.create(base + "/cgi-bin/token?grant_type=client_credential&appid=" + encode(config.appId().get())
                + "&secret=" + encode(config.secret().get()));
        return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build()).map(response -> {
            JsonNode answer = tree(response.body());
            return new TokenAnswer(answer.path("access_token").asText(null), answer.path("expires_in").asLong(0),
                    answer.path("errcode").asInt(0), answer.path("errmsg").asText(""));
        });
    }

    /** A code that opens {@code page} with {@code scene} (at most 32 characters). */
    public Uni<CodeAnswer> code(String accessToken, String page, String scene) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scene", scene);
        body.put("page", page);
        body.put("check_path", config.checkPath());
        body.put("env_version", config.envVersion());
        body.put("width", config.width());
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(body);
        } catch (IOException e) {
            return Uni.createFrom().failure(e);
        }
        URI uri = URI.create(base + "/wxa/getwxacodeunlimit?access_token=" + encode(accessToken));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        return send(request).map(response -> {
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase();
            byte[] bytes = response.body();
            // Errors come back as JSON (whatever the content type says); images never start with '{'.
            if (type.contains("json") || type.startsWith("text/") || (bytes.length > 0 && bytes[0] == '{')) {
                JsonNode answer = tree(bytes);
                return new CodeAnswer(null, answer.path("errcode").asInt(-1), answer.path("errmsg").asText(""));
            }
            String contentType = type.startsWith(IssuedImage.JPEG) ? IssuedImage.JPEG : IssuedImage.PNG;
            return new CodeAnswer(new IssuedImage(bytes, contentType), 0, "ok");
        });
    }

    private Uni<HttpResponse<byte[]>> send(HttpRequest request) {
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new UpstreamUnavailable("upstream answered HTTP " + response.statusCode());
                    }
                    return response;
                });
    }

    private JsonNode tree(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UpstreamUnavailable("upstream answered something that is not JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
