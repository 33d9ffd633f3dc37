package org.staypuft.cli.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.staypuft.cli.CliException;
import org.staypuft.events.EventType;
import org.staypuft.events.Topics;

/**
 * Which records belong to a deployment, worked out from the events alone (no service is asked):
 * <ul>
 * <li>its ids: the deployments whose {@code deployment.configured}, {@code deployment.triggered} or
 * {@code host.assigned} events carry this name (a name deleted and created again has several ids), or the argument
 * itself when it is an id some event carries in {@code ce_deploymentid};</li>
 * <li>every record whose {@code ce_deploymentid} is one of them: the deployment's own events, its hosts' events
 * while they belonged to it, the puppet commands and results of its runs;</li>
 * <li>its hosts: the {@code hostId} of those events. Their events without {@code ce_deploymentid} (discovered,
 * registered, facts updated, before or after they belonged to the deployment) are part of their story too; events of
 * the same hosts for another deployment are not.</li>
 * </ul>
 */
record DeploymentSelection(String name, Set<String> deploymentIds, Set<String> hostIds) {

    private static final Set<String> NAMING_TYPES = Set.of(EventType.DEPLOYMENT_CONFIGURED.type(),
            EventType.DEPLOYMENT_TRIGGERED.type(), EventType.HOST_ASSIGNED.type());

    static DeploymentSelection resolve(String nameOrId, List<RecordView> records, String where) {
        Set<String> ids = new LinkedHashSet<>();
        for (RecordView record : records) {
            if (NAMING_TYPES.contains(record.type()) && nameOrId.equals(record.text("deploymentName"))) {
                ids.add(record.deploymentId() != null ? record.deploymentId() : record.text("deploymentId"));
            }
        }
        ids.remove(null);
        if (ids.isEmpty() && records.stream().anyMatch(record -> nameOrId.equals(record.deploymentId()))) {
            ids.add(nameOrId);
        }
        if (ids.isEmpty()) {
            throw CliException.notFound("No events of a deployment named (or with id) " + nameOrId + " on " + where);
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (RecordView record : records) {
            if (ids.contains(record.deploymentId()) && record.hostId() != null) {
                hosts.add(record.hostId());
            }
        }
        return new DeploymentSelection(nameOrId, ids, hosts);
    }

    boolean includes(RecordView record) {
        if (record.deploymentId() != null) {
            return deploymentIds.contains(record.deploymentId());
        }
        boolean hostTopic = Topics.HOST_EVENTS.equals(record.topic()) || Topics.HOST_FACTS.equals(record.topic());
        return hostTopic && hostIds.contains(record.hostId());
    }
}
