package dev.surge.eligibility;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.shared.model.Rule;
import dev.surge.shared.redis.HashSlot;
import dev.surge.shared.redis.LuaScript;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.PrivateRedisCluster;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.StallingProxy.PacketCount;

/**
 * On a Redis Cluster, as production runs (ElastiCache in cluster mode), the list reads of one request go out as
 * one pipeline per hash slot, to the node serving it. What is measured: at the proxy in front of each node, the
 * packets carrying a call of the fact-reading script by its SHA, during one request over four campaigns with a
 * list rule each: two whose hash tags share a slot, and one on each other node. The decision is right for every
 * campaign, which one pipeline across slots could not give (the cluster client refuses it).
 */
@QuarkusTest
@TestProfile(ClusterFactReadsTest.OnCluster.class)
class ClusterFactReadsTest {

    private static final String READ_FACTS_SHA = LuaScript.load("read-facts.lua").sha();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shared services, with a Redis Cluster of this class's own instead of the shared Redis. */
    public static class OnCluster implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalServices.class),
                    new TestResourceEntry(PrivateRedisCluster.class));
        }
    }

    @Inject
    Publications publications;

    @Inject
    RedisKeys keys;

    private int slot(long campaignId) {
        return HashSlot.of(keys.campaign(campaignId).list("beta"));
    }

    /** The next campaign id after {@code from} whose keys hash to a slot the given node serves (or that slot). */
    private long nextIdOn(long from, PrivateRedisCluster.Node node, int exactSlot) {
        for (long id = from + 1; id < from + 10_000_000; id++) {
            int slot = slot(id);
            if (exactSlot >= 0 ? slot == exactSlot : node.serves(slot)) {
                return id;
            }
        }
        throw new IllegalStateException("no campaign id found for node " + node);
    }

    private void publish(long id, int priority) throws Exception {
        publications.publish(
                Publications.online(id, priority, new Rule("allow-list", JSON.readTree("{\"list\":\"beta\"}"))));
    }

    @Test
    void onePipelinePerHashSlot() throws Exception {
        long first = Publications.newId();
        PrivateRedisCluster.Node shared = PrivateRedisCluster.nodeServing(slot(first));
        long twin = nextIdOn(first, shared, slot(first));
        List<Long> others = new ArrayList<>();
        for (PrivateRedisCluster.Node node : PrivateRedisCluster.nodes()) {
            if (node != shared) {
                others.add(nextIdOn(first, node, -1));
            }
        }
        publish(first, 40);
        publish(twin, 30);
        publish(others.get(0), 20);
        publish(others.get(1), 10);
        publications.addToList(first, "beta", "cl-user");
        publications.addToList(others.get(0), "beta", "cl-user");
        String body = Ask.campaigns(first, twin, others.get(0), others.get(1));
        // A first decision: a node that lacks the script is sent its source and keeps it.
        Ask.as("cl-stranger", body)
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("campaigns.rule", equalTo(List.of("allow-list", "allow-list", "allow-list", "allow-list")));

        PrivateRedisCluster.nodes().forEach(n -> n.proxy().countPacketsContaining(READ_FACTS_SHA));
        Ask.as("cl-user", body)
                .statusCode(200)
                .body("campaignId", equalTo((int) first))
                .body("campaigns.campaignId", equalTo(List.of((int) first, (int) twin, (int) (long) others.get(0),
                        (int) (long) others.get(1))))
                .body("campaigns.eligible", equalTo(List.of(true, false, true, false)));

        Map<Integer, PacketCount> expected = new LinkedHashMap<>();
        Map<Integer, PacketCount> counted = new LinkedHashMap<>();
        for (PrivateRedisCluster.Node node : PrivateRedisCluster.nodes()) {
            expected.put(node.port(), node == shared ? new PacketCount(1, 2) : new PacketCount(1, 1));
            counted.put(node.port(), node.proxy().counted());
        }
        assertEquals(expected, counted, "by node: one packet per slot, holding the calls of its campaigns");
    }
}
