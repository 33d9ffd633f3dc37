package org.staypuft.listener;

import org.staypuft.testsupport.architecture.ServiceArchitectureTest;

/** The discovery listener's package rules (README); a broken rule names every offending import. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.staypuft.listener", "api", "messaging");
    }
}
