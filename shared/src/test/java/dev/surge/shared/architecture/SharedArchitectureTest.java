package dev.surge.shared.architecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/** The shared module: free of package cycles, its HTTP layer on top, no framework internals. */
class SharedArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("dev.surge.shared");

    @Test
    void packagesFormNoCycle() {
        ArchitectureRules.noPackageCycles("dev.surge.shared").check(CLASSES);
    }

    @Test
    void theHttpLayerIsOnTop() {
        ArchitectureRules.sharedRestOnTop().check(CLASSES);
    }

    @Test
    void noFrameworkInternals() {
        ArchitectureRules.noFrameworkInternals().check(CLASSES);
    }
}
