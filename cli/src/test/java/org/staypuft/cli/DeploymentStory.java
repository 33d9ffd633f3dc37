package org.staypuft.cli;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.DeploymentFailed;
import org.staypuft.events.deployment.DeploymentTriggered;
import org.staypuft.events.deployment.HostDeployed;
import org.staypuft.events.deployment.HostFailed;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.TestHostIds;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A deployment's life as the services would publish it, made with the contract's records and codec, with unique ids
 * so that tests sharing the broker never see each other's story: two hosts (one registered, one discovered before
 * they were assigned), a first run that fails one host, a second run that completes; and beside it a host of another
 * deployment, which no timeline of this one may show.
 */
final class DeploymentStory {

    final String name = "story-" + UUID.randomUUID().toString().substring(0, 8);
    final String deploymentId = "dep-" + UUID.randomUUID();
    final String otherDeploymentId = "dep-" + UUID.randomUUID();
    final String database = "db-" + UUID.randomUUID().toString().substring(0, 8);
    final String compute = TestHostIds.random();
    final String stranger = TestHostIds.random();
    final String firstRun = "run-" + UUID.randomUUID();
    final String secondRun = "run-" + UUID.randomUUID();

    /** In the order the events happened (their ce_time). */
    final List<EventEnvelope> ofDeployment = new ArrayList<>();
    /** The puppet run that failed the compute host in the first run. */
    final EventEnvelope failedPuppetRun;
    /** Events about other deployments and hosts, interleaved in time with the deployment's. */
    final List<EventEnvelope> others = new ArrayList<>();

    private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS)
            .minusMinutes(10);
    private int second;

    DeploymentStory() {
        mine(new HostRegistered(database, snapshot(database, "52:54:00:00:00:01"), null));
        mine(new HostDiscovered(compute, snapshot(compute, "52:54:00:00:00:02"), "digest"));
        other(new HostDiscovered(stranger, snapshot(stranger, "52:54:00:00:00:03"), "digest"));
        mine(new DeploymentConfigured(deploymentId, name, Map.of("domain", "example.org"), List.of(
                new RoleConfiguration("database", List.of("role::database"), Map.of()),
                new RoleConfiguration("compute", List.of("role::compute"), Map.of()))));
        mine(new HostAssigned(database, deploymentId, name, "database", "discovery"));
        mine(new HostAssigned(compute, deploymentId, name, "compute", "discovery"));
        other(new HostAssigned(stranger, otherDeploymentId, "another", "compute", "discovery"));
        mine(new DeploymentTriggered(deploymentId, name, firstRun, false, List.of("database", "compute"), 2,
                "alice"));
        mine(new RequestPuppetRun("req-1", deploymentId, firstRun, "step-1", database, database, "192.0.2.1", 22,
                "root", "production", RunPurpose.DEPLOY, List.of(), 60, 600));
        mine(new PuppetRunCompleted("req-1", deploymentId, firstRun, "step-1", database, RunPurpose.DEPLOY,
                RunOutcome.CHANGED, 2, null, null, List.of("File[/etc/motd]"), List.of(), 1200, "", 1));
        mine(new HostStateChanged(database, deploymentId, "deployed", null));
        mine(new HostDeployed(deploymentId, firstRun, database, "database"));
        failedPuppetRun = mine(
                new PuppetRunCompleted("req-2", deploymentId, firstRun, "step-2", compute, RunPurpose.DEPLOY,
                        RunOutcome.FAILED, 6, "Could not find class role::compute", null, List.of(), List.of(), 900, "",
                        1));
        mine(new HostStateChanged(compute, deploymentId, "failed", "Could not find class role::compute"));
        mine(new HostFailed(deploymentId, firstRun, compute, "compute", "deploy",
                "Could not find class role::compute"));
        other(new HostStateChanged(stranger, otherDeploymentId, "deploying", null));
        mine(new DeploymentFailed(deploymentId, firstRun, List.of("compute"), 1, "role compute failed"));
        mine(new DeploymentTriggered(deploymentId, name, secondRun, false, List.of("compute"), 1, "alice"));
        mine(new PuppetRunCompleted("req-3", deploymentId, secondRun, "step-3", compute, RunPurpose.DEPLOY,
                RunOutcome.CHANGED, 2, null, null, List.of(), List.of(), 800, "", 1));
        mine(new HostDeployed(deploymentId, secondRun, compute, "compute"));
        mine(new DeploymentCompleted(deploymentId, secondRun, 1, 0, 5000));
    }

    /** Publishes every event, topic by topic (not in time order): the timeline must sort them. */
    DeploymentStory publish(KafkaTestClient kafka) {
        List<EventEnvelope> all = new ArrayList<>(ofDeployment);
        all.addAll(others);
        all.sort(Comparator.comparing(EventEnvelope::topic).reversed());
        all.forEach(kafka::send);
        return this;
    }

    List<String> idsOf(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::id).toList();
    }

    /** The deployment's events that carry this run id, or none but happened while it ran. */
    List<EventEnvelope> ofRun(String runId) {
        OffsetDateTime first = ofDeployment.stream().filter(event -> runId.equals(runIdOf(event)))
                .map(EventEnvelope::time).min(Comparator.naturalOrder()).orElseThrow();
        OffsetDateTime last = ofDeployment.stream().filter(event -> runId.equals(runIdOf(event)))
                .map(EventEnvelope::time).max(Comparator.naturalOrder()).orElseThrow();
        return ofDeployment.stream().filter(event -> runIdOf(event) == null
                ? !event.time().isBefore(first) && !event.time().isAfter(last)
                : runId.equals(runIdOf(event))).toList();
    }

    private static String runIdOf(EventEnvelope event) {
        JsonNode runId = EventCodec.mapper().valueToTree(event.payload()).path("runId");
        return runId.isTextual() ? runId.asText() : null;
    }

    private EventEnvelope mine(StaypuftEvent payload) {
        EventEnvelope event = at(payload);
        ofDeployment.add(event);
        return event;
    }

    private void other(StaypuftEvent payload) {
        others.add(at(payload));
    }

    private EventEnvelope at(StaypuftEvent payload) {
        EventEnvelope event = EventEnvelope.wrap("/test/" + getClass().getSimpleName(), payload);
        return new EventEnvelope(event.id(), event.source(), event.type(), start.plusSeconds(second++),
                event.subject(), event.deploymentId(), payload);
    }

    private static HostSnapshot snapshot(String name, String mac) {
        return new HostSnapshot(name, mac, "192.0.2.10", null, null, null, null, null);
    }
}
