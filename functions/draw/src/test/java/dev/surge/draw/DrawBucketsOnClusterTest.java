package dev.surge.draw;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;

/** {@link DrawBucketsContract} on the local Redis Cluster: the three buckets of a raffle on three masters. */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class DrawBucketsOnClusterTest extends DrawBucketsContract {
}
