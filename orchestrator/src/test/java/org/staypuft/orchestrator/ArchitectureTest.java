package org.staypuft.orchestrator;

import org.junit.jupiter.api.Test;
import org.staypuft.testsupport.architecture.ServiceArchitectureTest;

/** The orchestrator's package rules (README "Packages"); a broken rule names every offending import. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("org.staypuft.orchestrator", "rest", "dashboard", "messaging");
    }

    @Test
    void apiRecordsDependOnNothingButProblems() {
        architecture.doesNotImport("api", "config", "deployment", "host", "persistence", "plan", "run", "rest")
                .check(classes);
    }

    @Test
    void engineBuildsNoViewsAndCommandsKnowNoEngine() {
        architecture.doesNotImport("run.engine", "api", "run.view").check(classes);
        architecture.doesNotImport("run.command", "run.engine", "run.view").check(classes);
    }
}
