package org.staypuft.testsupport.architecture;

import java.util.Arrays;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every service follows, checked by each service's {@code ArchitectureTest}:
 * <ul>
 * <li>no cycle between its packages;</li>
 * <li>its entry points (REST resources, consumers) are imported by nothing: they depend on the features, never the
 * reverse;</li>
 * <li>it depends on no other service's module: only on the contract ({@code events}), the service kit and itself.</li>
 * </ul>
 * Each rule is an {@link ArchRule}: {@code rule.check(classes)} fails with every offending dependency named.
 */
public final class ServiceArchitecture {

    /** The packages every service may use besides its own: the event contract and the service kit. */
    private static final String[] SHARED = {"org.staypuft.events..", "org.staypuft.kit.."};

    private final String basePackage;

    /** @param basePackage the service's root package, e.g. {@code org.staypuft.orchestrator} */
    public ServiceArchitecture(String basePackage) {
        this.basePackage = basePackage;
    }

    /**
     * The service's production classes (tests left out). Jars are not scanned: the service's own classes are a folder.
     * The rules only need the names of what those classes use, so {@code archunit.properties} turns off resolving
     * them from the classpath (that took most of each test's 25 s).
     */
    public JavaClasses classes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(basePackage);
    }

    /** No two packages of the service import each other, directly or through others. */
    public ArchRule noPackageCycles() {
        return slices().matching(basePackage + ".(**)").should().beFreeOfCycles()
                .because("a package that depends on one that depends on it cannot be read or changed alone");
    }

    /**
     * Nothing outside the given entry packages imports them: the REST layer and the consumers call the features, a
     * feature never calls them.
     *
     * @param entryPackages relative to the base package, e.g. {@code "rest"}, {@code "messaging"}
     */
    public ArchRule entryPointsImportedByNobody(String... entryPackages) {
        String[] packages = Arrays.stream(entryPackages).map(p -> basePackage + "." + p + "..").toArray(String[]::new);
        return noClasses().that().resideOutsideOfPackages(packages).should().dependOnClassesThat()
                .resideInAnyPackage(packages)
                .because("the API layer and the consumers depend on the features, never the reverse");
    }

    /** No class imports a JAX-RS resource (a class annotated {@code @Path}): resources are the top of the service. */
    public ArchRule resourcesImportedByNobody() {
        return noClasses().that().areNotAnnotatedWith("jakarta.ws.rs.Path").should().dependOnClassesThat()
                .areAnnotatedWith("jakarta.ws.rs.Path")
                .because("the REST layer depends on the features, never the reverse");
    }

    /** Only the contract, the service kit and the service itself: never another service's module. */
    public ArchRule noOtherServiceModules() {
        String[] allowed = Stream.concat(Stream.of(basePackage + ".."), Arrays.stream(SHARED))
                .toArray(String[]::new);
        return noClasses().should().dependOnClassesThat(resideInAPackage("org.staypuft..")
                .and(not(resideInAnyPackage(allowed))))
                .because("services talk through events and HTTP; a module of another service is not a library");
    }

    /**
     * {@code from} does not import any of {@code to}: one-off rules of a service, such as "the run engine does not
     * know the API's records".
     */
    public ArchRule doesNotImport(String from, String... to) {
        String[] targets = Arrays.stream(to).map(p -> basePackage + "." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(basePackage + "." + from + "..").should()
                .dependOnClassesThat().resideInAnyPackage(targets);
    }
}
