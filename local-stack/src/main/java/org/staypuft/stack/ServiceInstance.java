package org.staypuft.stack;

/**
 * One process of a service. Services run once, except the orchestrator, which may run as several replicas sharing
 * one database and one set of consumer groups ({@code ./staypuft up --orchestrators N}).
 *
 * @param replica 0 for the first (or only) one
 */
record ServiceInstance(StaypuftService service, int replica, int port) {

    /** The module for the first replica, {@code orchestrator-2} and on for the others: log and pid file names. */
    String name() {
        return replica == 0 ? service.module() : service.module() + "-" + (replica + 1);
    }

    String url() {
        return "http://localhost:" + port;
    }
}
