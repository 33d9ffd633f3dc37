package org.staypuft.events;

import java.lang.reflect.RecordComponent;

/** Finds the deployment an event belongs to, for the {@code ce_deploymentid} extension. */
final class DeploymentIds {

    private DeploymentIds() {
    }

    static String of(StaypuftEvent payload) {
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            if (component.getName().equals("deploymentId")) {
                try {
                    Object value = component.getAccessor().invoke(payload);
                    return value == null ? null : value.toString();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read deploymentId of " + payload, e);
                }
            }
        }
        return null;
    }
}
