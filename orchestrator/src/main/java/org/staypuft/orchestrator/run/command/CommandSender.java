package org.staypuft.orchestrator.run.command;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.host.PuppetEnvironments;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.kit.json.JsonColumns;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.orchestrator.config.OrchestratorConfig;
import org.staypuft.orchestrator.host.KnownHost;
import org.staypuft.orchestrator.host.KnownHostRepository;
import org.staypuft.orchestrator.persistence.Clock;

/**
 * Sends the commands of host steps through the outbox and remembers each one by request id, with the payload as
 * sent: an answer finds its step through it, and after a crash the very same command is sent again.
 */
@ApplicationScoped
public class CommandSender {

    @Inject
    Outbox outbox;

    @Inject
    KnownHostRepository hosts;

    @Inject
    HostRequestRepository requests;

    @Inject
    OrchestratorConfig config;

    /**
     * One puppet run with a fresh request id.
     *
     * @param deployRun which deploy run of the host this is (1 for the first), for {@link RunPurpose#DEPLOY}
     * @param sshReadySeconds how long the runner waits for SSH before the run
     * @param sshPort the role's SSH port, or null for {@code staypuft.orchestrator.ssh-port}; the host's own (from
     *        its registration) wins over both
     * @param sshUser the role's login user, or null for {@code staypuft.orchestrator.ssh-user}; the host's own wins
     * @return the request id and until when the step waits for its answer
     */
    public Sent puppetRun(CommandTarget target, RunPurpose purpose, int deployRun, int sshReadySeconds,
            int puppetRunSeconds, Integer sshPort, String sshUser) {
        KnownHost host = hosts.findById(target.hostId());
        String label = switch (purpose) {
            case PREPARE -> "prepare";
            case DEPLOY -> "deploy-" + deployRun;
            case ENABLE_AGENT -> "enable-agent";
        };
        String requestId = UUID.randomUUID().toString();
        RequestPuppetRun command = new RequestPuppetRun(requestId, target.deploymentId(), target.runId(),
                target.stepKey(label), target.hostId(), host.name, host.address != null ? host.address : host.name,
                host.sshPort(sshPort, config.sshPort()), host.sshUser(sshUser, config.sshUser()),
                purpose == RunPurpose.PREPARE ? PuppetEnvironments.DISCOVERY : PuppetEnvironments.PRODUCTION, purpose,
                host.keys(), sshReadySeconds, puppetRunSeconds);
        OffsetDateTime now = Clock.now();
        // The runner must not start it after this: a run that waited out an outage would otherwise start long after
        // its step moved on. It answers EXPIRED instead, and the step asks again.
        command = command.notAfter(now.plus(config.queueLimit()).toInstant().truncatedTo(ChronoUnit.SECONDS));
        record(command, requestId, command.stepId(), HostRequest.PUPPET_RUN, purpose.name(), target, now);
        return new Sent(requestId, now,
                now.plusSeconds(sshReadySeconds + puppetRunSeconds).plus(config.requestGrace()));
    }

    /**
     * Asks the registry to provision a discovered host. The step id doubles as the request id: the runner answers
     * the reboot with it.
     */
    public Sent provision(CommandTarget target, int provisioningTimeoutSeconds) {
        // Asked again within the attempt (its reboot expired unsent): a new key, as the runner answers a key once.
        long earlier = requests.provisionsOf(target.hostStepId(), target.attempt());
        String stepId = target.stepKey(earlier == 0 ? "provision" : "provision-" + (earlier + 1));
        OffsetDateTime now = Clock.now();
        // Like a puppet run's: a reboot that waited out an outage must not reboot a host its run has given up on.
        ProvisioningRequested command = new ProvisioningRequested(target.hostId(), target.deploymentId(),
                target.runId(), stepId)
                .notAfter(now.plus(config.queueLimit()).toInstant().truncatedTo(ChronoUnit.SECONDS));
        record(command, stepId, stepId, HostRequest.PROVISION, null, target, now);
        return new Sent(stepId, now, now.plusSeconds(provisioningTimeoutSeconds));
    }

    /** Sends an outstanding command again, unchanged: same request id, which the receiver de-duplicates. */
    public void resend(HostRequest request) {
        Class<? extends StaypuftEvent> type = HostRequest.PROVISION.equals(request.kind)
                ? ProvisioningRequested.class
                : RequestPuppetRun.class;
        outbox.publish(JsonColumns.read(request.payload, type));
        request.resent++;
    }

    private void record(StaypuftEvent command, String requestId, String stepKey, String kind, String purpose,
            CommandTarget target, OffsetDateTime now) {
        outbox.publish(command);
        HostRequest request = new HostRequest();
        request.requestId = requestId;
        request.hostStepId = target.hostStepId();
        request.runId = target.runId();
        request.stepKey = stepKey;
        request.kind = kind;
        request.purpose = purpose;
        request.attempt = target.attempt();
        request.payload = JsonColumns.write(command);
        request.sentAt = now;
        requests.persist(request);
    }
}
