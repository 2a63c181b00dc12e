package dev.surge.shared.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import dev.surge.shared.problem.ProblemException;

/**
 * The house rules every module keeps, checked on its compiled classes. A function {@code dev.surge.<name>} is
 * layered one way: {@code rest → service → (repository | redis | upstream | image) → domain}, where the domain
 * is the function's root package (outcomes, results, commands) and {@code config} its typed settings; the shared
 * module sits below all of them.
 */
public final class ArchitectureRules {

    /** The adapters: MySQL, Redis, other HTTP services, image rendering. Each sees only domain, config, shared. */
    private static final List<String> ADAPTERS = List.of("repository", "redis", "upstream", "image");

    /**
     * Framework classes that are not API: implementation and build-time packages. Quarkus' HTTP security SPI
     * ({@code io.quarkus.vertx.http.runtime.security}) and its route filters are documented extension points and
     * stay allowed.
     */
    private static final DescribedPredicate<JavaClass> FRAMEWORK_INTERNAL = DescribedPredicate.describe(
            "framework internals", c -> {
                String p = c.getPackageName();
                boolean quarkusOrSmallRye = p.startsWith("io.quarkus") || p.startsWith("io.smallrye")
                        || p.startsWith("io.vertx") || p.startsWith("org.jboss.resteasy");
                return quarkusOrSmallRye && (p.contains(".impl") || p.contains(".internal")
                        || p.contains(".deployment") || isInternalHttpRuntime(c));
            });

    private ArchitectureRules() {
    }

    /** The production classes of one module's root package. */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** No two packages of the module depend on each other, however indirectly. */
    public static ArchRule noPackageCycles(String rootPackage) {
        // Matched from the parent, so the root package (a function's domain) is a slice of its own too.
        String parent = rootPackage.substring(0, rootPackage.lastIndexOf('.'));
        return slices().matching(parent + ".(**)")
                .should()
                .beFreeOfCycles()
                .as("no cycles between the packages of " + rootPackage + ", its root package included");
    }

    /** Nothing in the shared module below its HTTP layer ({@code dev.surge.shared.rest}) reaches up into it. */
    public static ArchRule sharedRestOnTop() {
        return noClasses().that()
                .resideOutsideOfPackage("dev.surge.shared.rest..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.surge.shared.rest..")
                .as("nothing below the shared HTTP layer uses it");
    }

    /** No class uses a framework's implementation classes: they change without notice between versions. */
    public static ArchRule noFrameworkInternals() {
        return noClasses().should().dependOnClassesThat(FRAMEWORK_INTERNAL);
    }

    /** The rules for a function whose root (domain) package is {@code rootPackage}. */
    public static List<ArchRule> function(String rootPackage) {
        String rest = rootPackage + ".rest..";
        String service = rootPackage + ".service..";
        String config = rootPackage + ".config..";
        String[] adapters = ADAPTERS.stream().map(a -> rootPackage + "." + a + "..").toArray(String[]::new);
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                // A function may have no adapter of its own (eligibility reads Redis through shared only).
                .withOptionalLayers(true)
                .layer("rest")
                .definedBy(rest)
                .layer("service")
                .definedBy(service)
                .layer("adapters")
                .definedBy(adapters)
                .layer("config")
                .definedBy(config)
                .layer("domain")
                .definedBy(rootPackage)
                .whereLayer("rest")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("service")
                .mayOnlyBeAccessedByLayers("rest")
                .whereLayer("adapters")
                .mayOnlyBeAccessedByLayers("service")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("rest", "service", "adapters")
                .as("dependencies run rest → service → adapters → domain");
        String[] known = new String[adapters.length + 4];
        known[0] = rootPackage;
        known[1] = rest;
        known[2] = service;
        known[3] = config;
        System.arraycopy(adapters, 0, known, 4, adapters.length);
        ArchRule everyClassHasAHome = classes().should()
                .resideInAnyPackage(known)
                .as("every class lives in the domain package, rest, service, config or an adapter ("
                        + String.join(", ", ADAPTERS) + ")");
        ArchRule domainStandsAlone = noClasses().that()
                .resideInAPackage(rootPackage)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(rest, service, config, adapters))
                .as("the domain package depends on nothing else in the function");
        ArchRule httpOnlyInRest = noClasses().that()
                .resideOutsideOfPackage(rest)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..", "dev.surge.shared.rest..")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(ProblemException.class)
                .as("HTTP (statuses, JAX-RS types, problem answers) appears only in rest");
        return List.of(everyClassHasAHome, layers, domainStandsAlone, httpOnlyInRest, adaptersApart(rootPackage),
                noPackageCycles(rootPackage), noFrameworkInternals());
    }

    /** Each adapter package sees the domain, config and shared, never another adapter. */
    private static ArchRule adaptersApart(String rootPackage) {
        return noClasses().should(new ArchCondition<JavaClass>("use another adapter") {

            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = adapterOf(rootPackage, item.getPackageName());
                if (own == null) {
                    return;
                }
                item.getDirectDependenciesFromSelf().forEach(d -> {
                    String other = adapterOf(rootPackage, d.getTargetClass().getPackageName());
                    if (other != null && !other.equals(own)) {
                        events.add(SimpleConditionEvent.satisfied(d, d.getDescription()));
                    }
                });
            }
        }).as("adapters (" + String.join(", ", ADAPTERS) + ") do not use each other");
    }

    private static String adapterOf(String rootPackage, String packageName) {
        for (String a : ADAPTERS) {
            String p = rootPackage + "." + a;
            if (packageName.equals(p) || packageName.startsWith(p + ".")) {
                return a;
            }
        }
        return null;
    }

    private static String[] concat(String rest, String service, String config, String[] adapters) {
        String[] all = new String[adapters.length + 3];
        all[0] = rest;
        all[1] = service;
        all[2] = config;
        System.arraycopy(adapters, 0, all, 3, adapters.length);
        return all;
    }

    /**
     * The root package of Quarkus' HTTP runtime holds its implementation ({@code VertxHttpRecorder}, header
     * classes), unlike its documented sub-packages. The one exception: {@code QuarkusHttpHeaders} is how the Lambda
     * adapter hands an invocation's {@code Context} to the HTTP layer, which has no other way to see it.
     */
    private static boolean isInternalHttpRuntime(JavaClass c) {
        return c.getPackageName().equals("io.quarkus.vertx.http.runtime")
                && !c.getSimpleName().equals("QuarkusHttpHeaders");
    }
}
