package org.staypuft.stack;

/** A service of the system as the local stack runs it: its module and database ({@link StackAddresses}: ports). */
enum StaypuftService {

    DISCOVERY_LISTENER("discovery-listener", "listener"),
    HOST_REGISTRY("host-registry", "registry"),
    ORCHESTRATOR("orchestrator", "orchestrator"),
    PUPPET_RUNNER("puppet-runner", "runner"),
    WEBHOOK_DISPATCHER("webhook-dispatcher", "webhooks");

    private final String module;
    private final String database;

    StaypuftService(String module, String database) {
        this.module = module;
        this.database = database;
    }

    String module() {
        return module;
    }

    String database() {
        return database;
    }
}
