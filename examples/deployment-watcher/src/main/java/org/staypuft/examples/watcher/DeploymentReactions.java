package org.staypuft.examples.watcher;

import org.staypuft.events.EventEnvelope;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.RoleReady;

/** What the tool does when a role of a deployment is ready, or a deployment completed: your code goes here. */
public interface DeploymentReactions {

    void roleReady(EventEnvelope event, RoleReady ready);

    void deploymentCompleted(EventEnvelope event, DeploymentCompleted completed);
}
