package dev.surge.admin;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Repo;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Gives a test run a real SQS-compatible server (ElasticMQ on 127.0.0.1:9324, started through
 * {@code scripts/services sqs} when it is not up) and a queue of the run's own, with a dead-letter queue as in
 * AWS, and points the event relay at it.
 */
public class LocalSqs implements QuarkusTestResourceLifecycleManager {

    public static final URI ENDPOINT = URI.create("http://" + LocalServices.HOST + ":9324");

    private static volatile String queueUrl;

    /** The run's queue. */
    public static String queueUrl() {
        return queueUrl;
    }

    /** A client of the local server, as a consumer would have one. */
    public static SqsClient client() {
        return SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(ENDPOINT)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @Override
    public Map<String, String> start() {
        LocalServices.exec(List.of("bash", Repo.file("scripts/services").toString(), "sqs"), true);
        String name = "surge-events-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        try (SqsClient sqs = client()) {
            String dlq = sqs.createQueue(q -> q.queueName(name + "-dlq")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(a -> a.queueUrl(dlq).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings()
                    .get("QueueArn");
            queueUrl = sqs.createQueue(q -> q.queueName(name)
                    .attributesWithStrings(Map.of(
                            "VisibilityTimeout", "30",
                            "RedrivePolicy", "{\"maxReceiveCount\":\"5\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}")))
                    .queueUrl();
        }
        return Map.of(
                "surge.admin.events.queue-url", queueUrl,
                "surge.admin.events.endpoint", ENDPOINT.toString(),
                "surge.admin.events.region", "us-east-1",
                "surge.admin.events.access-key-id", "test",
                "surge.admin.events.secret-access-key", "test");
    }

    @Override
    public void stop() {
        if (queueUrl == null) {
            return;
        }
        try (SqsClient sqs = client()) {
            sqs.deleteQueue(q -> q.queueUrl(queueUrl));
            sqs.deleteQueue(q -> q.queueUrl(queueUrl + "-dlq"));
        } catch (RuntimeException e) {
            // The server keeps queues in memory only; a queue left behind goes when it stops.
        }
    }
}
