package dev.surge.redpacket.architecture;

import dev.surge.shared.architecture.FunctionArchitectureTest;

/** The function's packages keep the house rules: one-way layers, no cycles, no framework internals. */
class ArchitectureTest extends FunctionArchitectureTest {

    ArchitectureTest() {
        super("dev.surge.redpacket");
    }
}
