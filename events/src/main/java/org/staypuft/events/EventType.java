package org.staypuft.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.staypuft.events.deployment.AgentEnabled;
import org.staypuft.events.deployment.DeploymentCancelled;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.DeploymentFailed;
import org.staypuft.events.deployment.DeploymentTriggered;
import org.staypuft.events.deployment.HostDeployed;
import org.staypuft.events.deployment.HostFailed;
import org.staypuft.events.deployment.HostSkipped;
import org.staypuft.events.deployment.RoleApprovalRequested;
import org.staypuft.events.deployment.RoleApproved;
import org.staypuft.events.deployment.RoleFailed;
import org.staypuft.events.deployment.RoleReady;
import org.staypuft.events.deployment.RoleStarted;
import org.staypuft.events.deployment.RunPaused;
import org.staypuft.events.deployment.RunResumed;
import org.staypuft.events.deployment.RunWaitEnded;
import org.staypuft.events.deployment.RunWaiting;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.HostUnassigned;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.events.puppet.RequestPuppetRun;

/**
 * The v1 catalogue: each CloudEvents {@code type}, its payload record and its topic. A type string is never reused
 * for an incompatible payload: a breaking change gets a new {@code .v2} entry and the old one stays readable.
 */
public enum EventType {

    HOST_DISCOVERED("host.discovered", HostDiscovered.class, Topics.HOST_EVENTS),
    HOST_REGISTERED("host.registered", HostRegistered.class, Topics.HOST_EVENTS),
    HOST_FACTS_UPDATED("host.facts-updated", HostFactsUpdated.class, Topics.HOST_EVENTS),
    HOST_ASSIGNED("host.assigned", HostAssigned.class, Topics.HOST_EVENTS),
    HOST_UNASSIGNED("host.unassigned", HostUnassigned.class, Topics.HOST_EVENTS),
    HOST_CONFIGURATION_CHANGED("host.configuration-changed", HostConfigurationChanged.class, Topics.HOST_EVENTS),
    HOST_CONFIGURATION_APPLIED("host.configuration-applied", HostConfigurationApplied.class, Topics.HOST_EVENTS),
    HOST_STATE_CHANGED("host.state-changed", HostStateChanged.class, Topics.HOST_EVENTS),
    HOST_BUILT("host.built", HostBuilt.class, Topics.HOST_EVENTS),
    PROVISIONING_REQUESTED("host.provisioning-requested", ProvisioningRequested.class, Topics.HOST_EVENTS),
    HOST_IDENTITY_CONFLICT("host.identity-conflict", HostIdentityConflict.class, Topics.HOST_EVENTS),
    HOST_IDENTITY_CHANGED("host.identity-changed", HostIdentityChanged.class, Topics.HOST_EVENTS),
    HOST_FACTS_RECORDED("host.facts-recorded", HostFactsRecorded.class, Topics.HOST_FACTS),

    PUPPET_RUN_REQUESTED("puppet.run-requested", RequestPuppetRun.class, Topics.PUPPET_COMMANDS),
    REBOOT_REQUESTED("puppet.reboot-requested", RequestReboot.class, Topics.PUPPET_COMMANDS),
    PUPPET_RUN_STARTED("puppet.run-started", PuppetRunStarted.class, Topics.PUPPET_RESULTS),
    PUPPET_RUN_COMPLETED("puppet.run-completed", PuppetRunCompleted.class, Topics.PUPPET_RESULTS),
    REBOOT_COMPLETED("puppet.reboot-completed", RebootCompleted.class, Topics.PUPPET_RESULTS),

    DEPLOYMENT_CONFIGURED("deployment.configured", DeploymentConfigured.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_TRIGGERED("deployment.triggered", DeploymentTriggered.class, Topics.DEPLOYMENT_EVENTS),
    ROLE_STARTED("deployment.role-started", RoleStarted.class, Topics.DEPLOYMENT_EVENTS),
    ROLE_READY("deployment.role-ready", RoleReady.class, Topics.DEPLOYMENT_EVENTS),
    ROLE_FAILED("deployment.role-failed", RoleFailed.class, Topics.DEPLOYMENT_EVENTS),
    HOST_DEPLOYED("deployment.host-deployed", HostDeployed.class, Topics.DEPLOYMENT_EVENTS),
    HOST_FAILED("deployment.host-failed", HostFailed.class, Topics.DEPLOYMENT_EVENTS),
    HOST_SKIPPED("deployment.host-skipped", HostSkipped.class, Topics.DEPLOYMENT_EVENTS),
    AGENT_ENABLED("deployment.agent-enabled", AgentEnabled.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_COMPLETED("deployment.completed", DeploymentCompleted.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_FAILED("deployment.failed", DeploymentFailed.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_CANCELLED("deployment.cancelled", DeploymentCancelled.class, Topics.DEPLOYMENT_EVENTS),
    RUN_WAITING("deployment.run-waiting", RunWaiting.class, Topics.DEPLOYMENT_EVENTS),
    RUN_WAIT_ENDED("deployment.run-wait-ended", RunWaitEnded.class, Topics.DEPLOYMENT_EVENTS),
    RUN_PAUSED("deployment.run-paused", RunPaused.class, Topics.DEPLOYMENT_EVENTS),
    RUN_RESUMED("deployment.run-resumed", RunResumed.class, Topics.DEPLOYMENT_EVENTS),
    ROLE_APPROVAL_REQUESTED("deployment.role-approval-requested", RoleApprovalRequested.class,
            Topics.DEPLOYMENT_EVENTS),
    ROLE_APPROVED("deployment.role-approved", RoleApproved.class, Topics.DEPLOYMENT_EVENTS);

    public static final String TYPE_PREFIX = "org.staypuft.";
    public static final String VERSION_SUFFIX = ".v1";
    public static final String SCHEMA_BASE_URI = "https://staypuft.org/schemas/";

    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_PAYLOAD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private final String type;
    private final Class<? extends StaypuftEvent> payloadType;
    private final String topic;

    EventType(String name, Class<? extends StaypuftEvent> payloadType, String topic) {
        this.type = TYPE_PREFIX + name + VERSION_SUFFIX;
        this.payloadType = payloadType;
        this.topic = topic;
    }

    /** The CloudEvents {@code type}, e.g. {@code org.staypuft.host.discovered.v1}. */
    public String type() {
        return type;
    }

    public Class<? extends StaypuftEvent> payloadType() {
        return payloadType;
    }

    public String topic() {
        return topic;
    }

    /** The JSON Schema's {@code $id}, an absolute URI as CloudEvents wants for {@code ce_dataschema}. */
    public String dataSchema() {
        return SCHEMA_BASE_URI + type + ".json";
    }

    /** Classpath location of this type's JSON Schema. */
    public String schemaPath() {
        return "schemas/" + type + ".json";
    }

    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static EventType of(StaypuftEvent event) {
        EventType eventType = BY_PAYLOAD.get(event.getClass());
        if (eventType == null) {
            throw new IllegalArgumentException("No event type for " + event.getClass().getName());
        }
        return eventType;
    }
}
