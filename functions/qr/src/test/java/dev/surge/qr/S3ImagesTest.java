package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.qr.image.QrRenderer;
import dev.surge.qr.service.CodePool;
import dev.surge.shared.testing.LocalS3;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;

/**
 * With the s3 store, a code's image is an object in a real S3-compatible server: the function stores it, and a
 * phone reads it from the bucket over plain HTTP, never through the function, byte for byte as it was made.
 */
@QuarkusTest
@TestProfile(S3ImagesTest.S3Store.class)
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class S3ImagesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient PHONE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The s3 store, pointed at the local S3 server. */
    public static class S3Store implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalS3.class));
        }
    }

    @Inject
    CodePool pool;

    FakeWeChat upstream;

    @AfterEach
    void release() {
        MovableClockProducer.clockInUse().release();
    }

    private static HttpResponse<byte[]> fetch(String imageUrl) throws IOException, InterruptedException {
        return PHONE.send(HttpRequest.newBuilder(URI.create(imageUrl)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aPlainCodeImageIsReadFromTheBucketAsItWasMadeAndCachedForGood() throws Exception {
        Allocation code = pool.allocate(Codes.user("poster-fan"), UUID.randomUUID().toString(),
                new Binding("pages/poster/view", Map.of("id", "7"), "poster")).await().atMost(PATIENCE);
        assertEquals(LocalS3.bucketUrl() + "/codes/poster/" + code.requestId() + ".png", code.imageUrl());

        HttpResponse<byte[]> response = fetch(code.imageUrl());
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("public, max-age=31536000, immutable", response.headers().firstValue("Cache-Control").orElse(""));
        String content = "https://go.surge.test/s/" + code.requestId();
        // The plain issuer renders deterministically: the object holds exactly the image it made.
        assertArrayEquals(QrRenderer.png(content, 430), response.body());
        assertEquals(content, Scans.decode(response.body()));
    }

    @Test
    void aMiniProgramCodeBoughtFromTheUpstreamIsKeptInTheBucket() throws Exception {
        upstream.useClock(MovableClockProducer.clockInUse());
        MovableClockProducer.clockInUse().pin(Minutes.day());
        Allocation code = pool.allocate(Codes.user("sharer"), UUID.randomUUID().toString(),
                new Binding("pages/lab/report", Map.of("id", "8"), "lab")).await().atMost(PATIENCE);
        assertTrue(code.imageUrl().startsWith(LocalS3.bucketUrl() + "/codes/lab/"), code.imageUrl());

        HttpResponse<byte[]> response = fetch(code.imageUrl());
        assertEquals(200, response.statusCode());
        assertEquals((byte) 0x89, response.body()[0]);
        assertEquals("PNG", new String(response.body(), 1, 3));
        // The fake upstream renders the code WeChat would: page and scene.
        assertArrayEquals(QrRenderer.png("pages/lab/index?scene=" + code.requestId(), 280), response.body());
        assertEquals("pages/lab/index?scene=" + code.requestId(), Scans.decode(response.body()));
    }

    @Test
    void theFunctionDoesNotServeImagesItKeepsInS3() throws Exception {
        Allocation code = pool.allocate(Codes.user("poster-fan-2"), UUID.randomUUID().toString(),
                new Binding("pages/poster/view", Map.of("id", "9"), "poster")).await().atMost(PATIENCE);
        assertEquals(200, fetch(code.imageUrl()).statusCode());
        given().get("/v1/qr-images/" + code.requestId() + ".png").then().statusCode(404);
        assertEquals(404, fetch(LocalS3.bucketUrl() + "/codes/poster/" + code.requestId() + "x.png").statusCode());
    }
}
