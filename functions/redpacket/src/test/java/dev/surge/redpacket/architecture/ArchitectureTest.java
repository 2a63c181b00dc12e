package dev.surge.redpacket.architecture;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;

import dev.surge.shared.architecture.ArchitectureRules;

/** The function's packages keep the house rules: one-way layers, no cycles, no framework internals. */
class ArchitectureTest {

    private static final String ROOT = "dev.surge.redpacket";

    @TestFactory
    Stream<DynamicTest> houseRules() {
        JavaClasses classes = ArchitectureRules.productionClasses(ROOT);
        return ArchitectureRules.function(ROOT)
                .stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
