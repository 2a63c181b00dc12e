package dev.surge.shared.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test of the cluster suite: the build runs it only against the local Redis Cluster (three masters, a replica
 * each), with the function in cluster mode, as production runs Redis ({@link LocalServices#onCluster()}). Each
 * function's suite together runs every Lua script the function has, which {@link ClusterScriptCoverage} checks
 * afterwards: a script whose keys (declared or not) fall in more than one slot fails on a cluster. A class marked
 * here is also named in its function's pom ({@code surge.cluster.classes}), which the build's cluster run selects
 * by; {@link ClusterScriptCoverage} holds the two equal.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("redis-cluster")
public @interface OnRedisCluster {
}
