package org.staypuft.registry;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.HostUnassigned;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.staypuft.registry.TestHosts.HOSTS;
import static org.staypuft.registry.TestHosts.INSTALLED_ED25519;
import static org.staypuft.registry.TestHosts.asViewer;
import static org.staypuft.registry.TestHosts.awaitHost;
import static org.staypuft.registry.TestHosts.event;

/** The seed's host life (assign, provision, build, deploy, re-enable the agent, unassign) as the API shows it. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HostLifecycleTest {

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void discoveredHostIsAssignedProvisionedBuiltDeployedAndUnassigned() {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        awaitHost(id, "state", is("free"), "managed", is(false), "build", is(false));

        // Seed, scenario 1: conversion to managed, hostgroup = role, build flag on, environment discovery.
        kafka.send(event(new HostAssigned(id, deployment, "overcloud", "Controller", "discovery")));
        awaitHost(id, "state", is("assigned"), "deploymentId", is(deployment), "deploymentName", is("overcloud"),
                "role", is("Controller"), "managed", is(true), "build", is(true), "environment", is("discovery"));

        kafka.send(event(new ProvisioningRequested(id, deployment, "run-1", "step-1")));
        awaitHost(id, "environment", is("production"), "build", is(true));

        kafka.send(event(new HostBuilt(id, deployment, List.of(INSTALLED_ED25519))));
        awaitHost(id, "build", is(false), "sshHostKeys.key", contains(INSTALLED_ED25519.key()));

        kafka.send(event(new HostStateChanged(id, deployment, "deploying", null)));
        awaitHost(id, "state", is("deploying"));

        // Re-enabling the agent changes the runmode only; the environment stays production.
        kafka.send(event(new HostConfigurationChanged(id, deployment, null, "service")));
        awaitHost(id, "runmode", is("service"), "environment", is("production"));

        kafka.send(event(new HostStateChanged(id, deployment, "deployed", null)));
        awaitHost(id, "state", is("deployed"));

        kafka.send(event(new HostUnassigned(id, deployment, "Controller")));
        awaitHost(id, "state", is("free"), "deploymentId", nullValue(), "deploymentName", nullValue(),
                "role", nullValue(), "build", is(false));
    }

    @Test
    void registeredHostIsManagedButNeverPutInBuildMode() {
        String id = TestHosts.newHostId();
        kafka.send(event(new HostRegistered(id, TestHosts.registeredSnapshot(id), null)));
        awaitHost(id, "kind", is("registered"), "name", is(TestHosts.registeredSnapshot(id).name()),
                "state", is("free"), "managed", is(true), "build", is(false), "environment", is("discovery"));

        kafka.send(event(new HostAssigned(id, TestHosts.newDeploymentId(), "lab", "Compute", "discovery")));
        awaitHost(id, "state", is("assigned"), "role", is("Compute"), "managed", is(true), "build", is(false));
    }

    @Test
    void failedHostShowsWhyAndCanBeMovedToProduction() {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        kafka.send(event(new HostAssigned(id, deployment, "lab", "Compute", "discovery")));
        kafka.send(event(new HostConfigurationChanged(id, deployment, "production", null)));
        kafka.send(event(new HostStateChanged(id, deployment, "failed", "puppet run failed: 2 resources failed")));

        awaitHost(id, "state", is("failed"), "stateReason", is("puppet run failed: 2 resources failed"),
                "environment", is("production"), "runmode", is("none"));
    }

    @Test
    void staleUnassignmentFromAnEarlierDeploymentLeavesTheCurrentAssignment() {
        String id = TestHosts.newHostId();
        String earlier = TestHosts.newDeploymentId();
        String current = TestHosts.newDeploymentId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        kafka.send(event(new HostAssigned(id, current, "lab", "Compute", "discovery")));
        kafka.send(event(new HostUnassigned(id, earlier, "Compute")));
        // Same host, same partition: once this shows, the stale unassignment has been consumed.
        kafka.send(event(new HostConfigurationChanged(id, current, null, "service")));

        awaitHost(id, "runmode", is("service"), "state", is("assigned"), "deploymentId", is(current),
                "role", is("Compute"), "build", is(true));
    }

    @Test
    void eventsAndFactsArrivingBeforeTheHostConvergeOnceItIsDiscovered() {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        ObjectNode facts = EventCodec.mapper().createObjectNode().put("discovery_bootif", TestHosts.macOf(id));
        kafka.send(event(new HostFactsRecorded(id, "digest-" + id, facts)));
        kafka.send(event(new HostAssigned(id, deployment, "lab", "Controller", "discovery")));
        kafka.send(event(new HostStateChanged(id, deployment, "deploying", null)));
        // Only now the listener's announcement: the parked events are applied after it, in their order.
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), "digest-" + id)));

        awaitHost(id, "kind", is("discovered"), "state", is("deploying"), "deploymentId", is(deployment),
                "role", is("Controller"), "managed", is(true), "build", is(true), "lastFactsAt", notNullValue());
        asViewer().get(HOSTS + "/{id}/facts", id).then()
                .statusCode(200)
                .header("X-Facts-Digest", "digest-" + id)
                .body("discovery_bootif", is(TestHosts.macOf(id)));
    }
}
