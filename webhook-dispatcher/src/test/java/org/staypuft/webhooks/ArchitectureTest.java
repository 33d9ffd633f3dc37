package org.staypuft.webhooks;

import org.staypuft.testsupport.architecture.ServiceArchitectureTest;

/** The webhook dispatcher's package rules (README); a broken rule names every offending import. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.staypuft.webhooks", "api", "messaging");
    }
}
