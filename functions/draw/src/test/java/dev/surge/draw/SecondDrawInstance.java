package dev.surge.draw;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.SecondInstance;

/**
 * The draw function as a second instance, in a JVM of its own ({@link SecondInstance}): not a test of its own
 * (surefire does not pick the name up), it serves until the test that started it is done. Its configuration
 * (Redis key prefix, database, port) comes from that test; no other test resource starts here. When handed
 * {@value #PIN}, its application clock stands still at that instant, as the parent test's does.
 */
@QuarkusTest
@TestProfile(SecondDrawInstance.Host.class)
class SecondDrawInstance {

    static final String PIN = "surge.test.second.pinned-at";

    /** Only the configuration the parent hands over; the module's global test resources stay off. */
    public static class Host implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return SecondInstance.hostConfig();
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void serve() {
        String pinned = SecondInstance.hostConfig().get(PIN);
        if (pinned != null) {
            MovableClockProducer.clockInUse().pin(Instant.parse(pinned));
        }
        SecondInstance.serveUntilClosed();
    }
}
