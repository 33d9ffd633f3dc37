package org.staypuft.simulator;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import org.staypuft.simulator.ssh.SharedIoServiceFactory;

/**
 * What all hosts of a simulator share: the NIO group, the timer, the threads that run commands, the HTTP client
 * that talks to the listener and the registry.
 */
record SimulatorRuntime(SharedIoServiceFactory ioFactory, ScheduledExecutorService scheduler,
        ExecutorService commands, SessionStats sessionStats, HttpClient http) {
}
