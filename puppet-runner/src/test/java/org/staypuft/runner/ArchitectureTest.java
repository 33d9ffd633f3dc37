package org.staypuft.runner;

import org.staypuft.testsupport.architecture.ServiceArchitectureTest;

/** The puppet-runner's package rules (README); a broken rule names every offending import. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.staypuft.runner", "api", "messaging");
    }
}
