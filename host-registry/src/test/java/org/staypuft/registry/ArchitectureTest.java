package org.staypuft.registry;

import org.staypuft.testsupport.architecture.ServiceArchitectureTest;

/** The host registry's package rules (README); a broken rule names every offending import. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.staypuft.registry", "api", "messaging");
    }
}
