package org.staypuft.testsupport.architecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The rules every service checks, as a test to extend: a service's {@code ArchitectureTest} names its root package
 * and its entry packages, and adds rules of its own.
 */
public abstract class ServiceArchitectureTest {

    protected final ServiceArchitecture architecture;
    protected final JavaClasses classes;
    private final String[] entryPackages;

    /**
     * @param basePackage the service's root package
     * @param entryPackages relative to it: the REST layer and the consumers, which nothing may import
     */
    protected ServiceArchitectureTest(String basePackage, String... entryPackages) {
        this.architecture = new ServiceArchitecture(basePackage);
        this.classes = architecture.classes();
        this.entryPackages = entryPackages;
    }

    @Test
    public void packagesHaveNoCycles() {
        architecture.noPackageCycles().check(classes);
    }

    @Test
    public void resourcesAreImportedByNobody() {
        architecture.resourcesImportedByNobody().check(classes);
    }

    @Test
    public void entryPackagesAreImportedByNobody() {
        architecture.entryPointsImportedByNobody(entryPackages).check(classes);
    }

    @Test
    public void dependsOnNoOtherService() {
        architecture.noOtherServiceModules().check(classes);
    }
}
