package org.staypuft.webhooks.subscription;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscription request. */
@Schema(name = "CreateWebhook")
public record CreateWebhook(
        @Schema(required = true, description = "Where to POST the events: http or https", example = "https://hooks.example.com/staypuft") String url,
        @Schema(required = true, description = "Event types, as the contract names them (deployment.completed) or as CloudEvents types (org.staypuft.deployment.completed.v1)", example = "[\"deployment.completed\", \"deployment.failed\"]") List<String> eventTypes,
        @Schema(description = "Only events of this deployment (ce_deploymentid); absent: every deployment's") String deploymentId,
        @Schema(description = "The HMAC key, 32 to 256 printable ASCII characters; absent: generated") String secret,
        @Schema(description = "Deliver (true, the default) or only record nothing for now (false)") Boolean enabled) {
}
