package org.staypuft.stack;

/** A service of the system as the local stack runs it: its module, fixed port and database. */
enum StaypuftService {

    DISCOVERY_LISTENER("discovery-listener", 8081, "listener"),
    HOST_REGISTRY("host-registry", 8082,
            "registry"),
    ORCHESTRATOR("orchestrator", 8083,
            "orchestrator"),
    PUPPET_RUNNER("puppet-runner", 8084, "runner");

    private final String module;
    private final int port;
    private final String database;

    StaypuftService(String module, int port, String database) {
        this.module = module;
        this.port = port;
        this.database = database;
    }

    String module() {
        return module;
    }

    int port() {
        return port;
    }

    String database() {
        return database;
    }

    String url() {
        return "http://localhost:" + port;
    }
}
