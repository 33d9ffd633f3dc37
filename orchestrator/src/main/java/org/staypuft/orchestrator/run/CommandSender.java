package org.staypuft.orchestrator.run;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.orchestrator.config.OrchestratorConfig;
import org.staypuft.orchestrator.host.HostView;
import org.staypuft.orchestrator.host.HostViewRepository;
import org.staypuft.orchestrator.persistence.JsonColumns;

/**
 * Sends the commands of host steps through the outbox and remembers each one by request id, with the payload as
 * sent: an answer finds its step through it, and after a crash the very same command is sent again.
 */
@ApplicationScoped
public class CommandSender {

    public static final String DISCOVERY = "discovery";
    public static final String PRODUCTION = "production";

    @Inject
    Outbox outbox;

    @Inject
    HostViewRepository hosts;

    @Inject
    HostRequestRepository requests;

    @Inject
    OrchestratorConfig config;

    /** One puppet run with a fresh request id; the step waits for its answer until the deadline. */
    public void puppetRun(Run run, RunRole role, HostStep step, RunPurpose purpose) {
        HostView host = hosts.findById(step.hostId);
        String label = switch (purpose) {
            case PREPARE -> "prepare";
            case DEPLOY -> "deploy-" + (step.deployRunsDone + 1);
            case ENABLE_AGENT -> "enable-agent";
        };
        // A freshly built host may still be installing: its first run waits for SSH as long as the role allows.
        int sshReady = step.freshBuild ? role.policy.sshReadyTimeoutSeconds : (int) config.sshRetry().toSeconds();
        step.freshBuild = false;
        String requestId = UUID.randomUUID().toString();
        RequestPuppetRun command = new RequestPuppetRun(requestId, run.deploymentId, run.id, stepKey(run, step, label),
                step.hostId, host.name, host.address != null ? host.address : host.name, config.sshPort(),
                config.sshUser(), purpose == RunPurpose.PREPARE ? DISCOVERY : PRODUCTION, purpose, host.keys(),
                sshReady, role.policy.puppetRunTimeoutSeconds);
        OffsetDateTime now = Clock.now();
        record(command, requestId, command.stepId(), HostRequest.PUPPET_RUN, purpose.name(), step, now);
        step.deadlineAt = now.plusSeconds(sshReady + role.policy.puppetRunTimeoutSeconds).plus(config.requestGrace());
    }

    /**
     * Asks the registry to provision a discovered host. The step id doubles as the request id: the runner answers
     * the reboot with it.
     */
    public void provision(Run run, RunRole role, HostStep step) {
        String stepId = stepKey(run, step, "provision");
        ProvisioningRequested command = new ProvisioningRequested(step.hostId, run.deploymentId, run.id, stepId);
        OffsetDateTime now = Clock.now();
        record(command, stepId, stepId, HostRequest.PROVISION, null, step, now);
        step.deadlineAt = now.plusSeconds(role.policy.provisioningTimeoutSeconds);
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
            HostStep step, OffsetDateTime now) {
        outbox.publish(command);
        HostRequest request = new HostRequest();
        request.requestId = requestId;
        request.hostStepId = step.id;
        request.runId = step.runId;
        request.stepKey = stepKey;
        request.kind = kind;
        request.purpose = purpose;
        request.attempt = step.attempt;
        request.payload = JsonColumns.write(command);
        request.sentAt = now;
        requests.persist(request);
        step.requestId = requestId;
        step.updatedAt = now;
    }

    /** Run, host, what and which attempt: unique per attempt of a step, readable in the runner's logs. */
    static String stepKey(Run run, HostStep step, String label) {
        return run.id + "/" + step.hostId + "/" + label + "/" + step.attempt;
    }
}
