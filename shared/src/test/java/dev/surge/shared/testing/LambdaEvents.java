package dev.surge.shared.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

import dev.surge.shared.testing.deploy.Job;
import dev.surge.shared.testing.deploy.SamTemplate;
import dev.surge.shared.testing.deploy.TerraformConfig;

/**
 * Hands API Gateway HTTP API (payload 2.0) events to a function through the Lambda runtime loop: the test's
 * mock event server queues the event, the function's Lambda handler takes it as it would in AWS, and its answer
 * comes back as the handler's response ({@code statusCode}, {@code headers}, {@code body}).
 */
public final class LambdaEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaEvents() {
    }

    /** Invokes the function with one event and returns the handler's response. */
    public static JsonNode invoke(int mockEventServerPort, String event) {
        String raw = given().port(mockEventServerPort)
                .contentType(ContentType.JSON)
                .body(event)
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A classpath resource with every {@code __NAME__} replaced by its value. */
    public static String event(String resource, Map<String, String> values) {
        try (InputStream in = LambdaEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace("__" + e.getKey() + "__", e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String base64(String body) {
        return Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The response's body as JSON, decoded first when the handler sent it base64-encoded. */
    public static JsonNode body(JsonNode response) {
        String body = response.path("body").asText();
        if (response.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response header, whatever its case, or null. */
    public static String header(JsonNode response, String name) {
        var fields = response.path("headers").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    /** The events the schedules and deploy steps of {@code template.yaml} and {@code terraform/} hand the function. */
    public static List<Job> scheduledJobs(String function) {
        List<Job> jobs = new ArrayList<>();
        SamTemplate.load().jobs().stream().filter(j -> j.function().equals(function)).forEach(jobs::add);
        TerraformConfig.load().jobs().stream().filter(j -> j.function().equals(function)).forEach(jobs::add);
        return jobs;
    }

    /** @deprecated no job names a campaign any more; use {@link #scheduledJobs(String)}. */
    @Deprecated
    public static List<Job> scheduledJobs(String function, long ignoredCampaignId) {
        return scheduledJobs(function);
    }
}
