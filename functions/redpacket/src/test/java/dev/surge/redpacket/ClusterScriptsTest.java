package dev.surge.redpacket;

import java.util.List;

import dev.surge.shared.testing.ClusterScriptCoverage;

/** Every Lua script of this function ran on the Redis Cluster in its cluster suite (see ClusterScriptCoverage). */
class ClusterScriptsTest extends ClusterScriptCoverage {

    @Override
    protected List<String> scriptDirectories() {
        return List.of("functions/redpacket/src/main/resources/lua");
    }
}
