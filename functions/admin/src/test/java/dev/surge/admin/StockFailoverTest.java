package dev.surge.admin;

import static dev.surge.admin.Admin.call;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.redis.HashSlot;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalRedisCluster;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;

/**
 * A write Redis acknowledged and then lost in a failover, and the reconciliation that finds and repairs it. The
 * replica of the raffle's master is frozen (SIGSTOP) and its link cut, so it falls behind; an operator takes 10 units away (Redis
 * first, then MySQL, both acknowledged); the master is killed (SIGKILL) and the stale replica, thawed, takes over.
 * Redis now holds the 10 units MySQL no longer has: reconciliation reports that drift, and the repair puts
 * MySQL's figure back.
 * <p>
 * On demand, like the draw's failover test (it kills a master of the shared local cluster):
 * {@code ./mvnw verify -pl functions/admin -Dtest=StockFailoverTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsurge.test.failover=true}.
 */
@EnabledIfSystemProperty(named = "surge.test.failover", matches = "true")
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class StockFailoverTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void aStockChangeLostInAFailoverIsReportedAsDriftAndRepairedFromMySql() {
        long id = Admin.created("Lost in a failover");
        call("PUT", "/" + id + "/raffle", Map.of("interceptRatio", 0.05, "noPrizeWeight", 900)).statusCode(200);
        int prize = call("POST", "/" + id + "/prizes", Map.of("name", "Phone", "weight", 100, "stock", 100))
                .statusCode(201)
                .extract()
                .path("id");
        Admin.status(id, "online").statusCode(200);
        String stockKey = keys.campaign(id).stock(prize);
        int master = LocalRedisCluster.masterServing(HashSlot.of(stockKey));
        int replica = LocalRedisCluster.replicaOf(master);
        // The replica has everything so far: WAIT returns once it acknowledged all the master's writes.
        assertEquals("1", LocalServices.output(List.of("redis-cli", "-h", LocalServices.HOST, "-p",
                Integer.toString(master), "wait", "1", "5000")).trim());

        String frozen = LocalRedisCluster.pause(replica);
        try {
            // A frozen process's kernel still takes in what the master sends; cutting the link keeps the next
            // write from reaching the replica at all (the frozen replica cannot reconnect).
            LocalServices.output(List.of("redis-cli", "-h", LocalServices.HOST, "-p", Integer.toString(master), "client",
                    "kill", "type", "replica"));
            call("POST", "/" + id + "/prizes/" + prize + "/stock", Map.of("delta", -10)).statusCode(200)
                    .body("stock", equalTo(90));
            assertEquals(90L, redis.value(Long.class).get(stockKey));
            LocalRedisCluster.kill(master);
        } finally {
            LocalRedisCluster.resume(frozen);
        }
        try {
            // The thawed replica is promoted with what it had: the take is gone from Redis, not from MySQL.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> LocalRedisCluster.masterServing(HashSlot.of(stockKey)) == replica);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> call("POST", "/" + id + "/reconcile", null).extract().statusCode() == 200);
            call("POST", "/" + id + "/reconcile", null).statusCode(200)
                    .body("prizes[0].mysqlStock", equalTo(90))
                    .body("prizes[0].redisStock", equalTo(100))
                    .body("prizes[0].drift", equalTo(10));
            call("POST", "/" + id + "/reconcile?repair=true", null).statusCode(200)
                    .body("prizes[0].redisStockAfter", equalTo(90));
            call("POST", "/" + id + "/reconcile", null).statusCode(200).body("prizes[0].drift", equalTo(0));
            assertEquals(90L, redis.value(Long.class).get(stockKey));
        } finally {
            LocalRedisCluster.restore();
        }
    }
}
