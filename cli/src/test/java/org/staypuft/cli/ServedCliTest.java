package org.staypuft.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the CLI's tests: a real HTTP peer that already knows the deployments (most commands look one up by
 * name first) and a working directory of the test's own.
 */
abstract class ServedCliTest {

    @TempDir
    Path directory;

    ApiServer server;

    @BeforeEach
    void serveDeployments() {
        server = ApiServer.start().json("GET", "/api/v1/deployments", 200, CliRun.resource("deployments.json"));
    }

    @AfterEach
    void stop() {
        server.close();
    }
}
