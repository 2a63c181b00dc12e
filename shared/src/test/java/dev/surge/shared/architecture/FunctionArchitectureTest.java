package dev.surge.shared.architecture;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * A function's packages keep the house rules ({@link ArchitectureRules#function}): one-way layers, no cycles, no
 * framework internals. Each function's test names its root package; one test per rule.
 */
public abstract class FunctionArchitectureTest {

    private final String rootPackage;

    protected FunctionArchitectureTest(String rootPackage) {
        this.rootPackage = rootPackage;
    }

    @TestFactory
    Stream<DynamicTest> houseRules() {
        JavaClasses classes = ArchitectureRules.productionClasses(rootPackage);
        return ArchitectureRules.function(rootPackage)
                .stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
