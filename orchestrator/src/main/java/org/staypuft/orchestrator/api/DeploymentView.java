package org.staypuft.orchestrator.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stored deployment: its definition with every default filled in, its hosts and its active run if any. Secret
 * parameters show their names only, each value {@link DeploymentSpec#REDACTED}.
 */
public record DeploymentView(String id, String name, String description, Map<String, String> parameters,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> secretParameters,
        List<DeploymentSpec.RoleSpec> roles, String activeRunId, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
