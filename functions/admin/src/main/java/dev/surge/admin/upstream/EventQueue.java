package dev.surge.admin.upstream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.surge.admin.WinnerEvent;
import dev.surge.admin.config.AdminConfig;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The fulfilment queue: an SQS queue in AWS, the local SQS-compatible server (ElasticMQ) elsewhere, through the
 * same client. Each event is one message whose body is the event's JSON and whose attributes repeat its id and
 * type, so a consumer can route without parsing. The client is made on first use: the admin function's other
 * routes never pay for it at cold start.
 */
@ApplicationScoped
public class EventQueue {

    /** SQS takes at most ten messages per batch request. */
    static final int SQS_BATCH = 10;

    private final AdminConfig.Events config;
    private final ObjectMapper json;
    private volatile SqsClient sqs;

    public EventQueue(AdminConfig config, ObjectMapper json) {
        this.config = config.events();
        this.json = json;
    }

    /** Whether a queue is configured. */
    public boolean configured() {
        return config.queueUrl().isPresent();
    }

    /**
     * Sends events, ten per request.
     *
     * @return the ids of the events the queue took; the others are to be sent again
     */
    public Set<String> send(List<WinnerEvent> events) {
        String url = config.queueUrl().orElseThrow(() -> new IllegalStateException("no event queue is configured"));
        Set<String> taken = new HashSet<>();
        for (int from = 0; from < events.size(); from += SQS_BATCH) {
            List<WinnerEvent> batch = events.subList(from, Math.min(events.size(), from + SQS_BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                WinnerEvent event = batch.get(i);
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(body(event))
                        .messageAttributes(java.util.Map.of(
                                "eventId", text(event.eventId()),
                                "type", text(event.type().wireName())))
                        .build());
            }
            SendMessageBatchResponse answer = client().sendMessageBatch(b -> b.queueUrl(url).entries(entries));
            answer.successful().forEach(ok -> taken.add(batch.get(Integer.parseInt(ok.id())).eventId()));
            for (BatchResultErrorEntry refused : answer.failed()) {
                if (refused.senderFault()) {
                    // A message the queue will never take (too large, malformed) is a defect here, not a hiccup.
                    throw new IllegalStateException("the queue refused event "
                            + batch.get(Integer.parseInt(refused.id())).eventId() + ": " + refused.message());
                }
            }
        }
        return taken;
    }

    private String body(WinnerEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private SqsClient client() {
        SqsClient made = sqs;
        if (made == null) {
            synchronized (this) {
                if (sqs == null) {
                    sqs = build(config);
                }
                made = sqs;
            }
        }
        return made;
    }

    private static SqsClient build(AdminConfig.Events config) {
        // The JDK's own HTTP client: no Netty or Apache client in the function; the relay sends one batch at a time.
        SqsClientBuilder builder = SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.readTimeout()));
        config.region().map(Region::of).ifPresent(builder::region);
        config.endpoint().ifPresent(builder::endpointOverride);
        Optional<String> key = config.accessKeyId();
        Optional<String> secret = config.secretAccessKey();
        if (key.isPresent() && secret.isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.get(), secret.get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    @PreDestroy
    void close() {
        SqsClient made = sqs;
        if (made != null) {
            made.close();
        }
    }
}
