package dev.surge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Seeds a scenario through the admin API as an operator would, and sends the few probes a scenario needs. */
final class Admin {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The run's one HTTP client: seeding, probes and metric scrapes. */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An HTTP answer: its status and body. */
    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }
    }

    private final Lab lab;
    private final String operator;

    Admin(Lab lab, String operator) {
        this.lab = lab;
        this.operator = operator;
    }

    String operator() {
        return operator;
    }

    /** A call to a function's admin route that must succeed (2xx); its JSON answer. */
    JsonNode call(String function, String method, String path, String body) {
        Answer answer = send(function, method, path, body, "application/json", operator, null, Duration.ofSeconds(30));
        if (answer.status() / 100 != 2) {
            throw Lab.die(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    JsonNode call(String method, String path, String body) {
        return call("admin", method, path, body);
    }

    void uploadList(long campaign, String list, String members) {
        Answer answer = send("admin", "PUT", "/admin/v1/campaigns/" + campaign + "/lists/" + list, members,
                "text/plain", operator, null, Duration.ofSeconds(60));
        if (answer.status() / 100 != 2) {
            throw Lab.die("uploading list " + list + " failed: " + answer.status() + " " + answer.body());
        }
    }

    /** Creates an online-ready campaign open from an hour ago to a day ahead; its id. */
    long createCampaign(String name, int priority, String limit, String rules) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode created = call("POST", "/admin/v1/campaigns", "{\"name\":\"" + name + "\",\"startsAt\":\""
                + now.minusSeconds(3600) + "\",\"endsAt\":\"" + now.plusSeconds(86400)
                + "\",\"zone\":\"Asia/Shanghai\",\"priority\":" + priority + ",\"limit\":" + limit + ",\"rules\":" + rules
                + "}");
        return created.path("id").asLong();
    }

    void online(long campaign) {
        call("POST", "/admin/v1/campaigns/" + campaign + "/status", "{\"status\":\"online\"}");
    }

    /** Any request to a function; a failure to connect answers status 0. */
    Answer send(String function, String method, String path, String body, String type, String token, String[] headers,
            Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lab.url(function, path))).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers != null) {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        if (body != null) {
            request.header("Content-Type", type);
            request.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
