package org.staypuft.orchestrator.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A stored deployment: its definition with every default filled in, its hosts and its active run if any. */
public record DeploymentView(String id, String name, String description, Map<String, String> parameters,
        List<DeploymentSpec.RoleSpec> roles, String activeRunId, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
