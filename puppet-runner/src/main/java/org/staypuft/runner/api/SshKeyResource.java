package org.staypuft.runner.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.staypuft.events.ApiRoles;
import org.staypuft.runner.ssh.PinnedHostKeyRepository;
import org.staypuft.runner.ssh.ProxyKeyStore;

/**
 * The proxy's public key for provisioning templates and the client installer, and the pinned host keys. Bearer JWTs
 * as every service: viewers and operators read, operators forget a pinned key (the next accept-new connection pins
 * whatever answers, so forgetting is a change of trust).
 */
@Path("/api/v1/ssh")
@Tag(name = "SSH", description = "The proxy's key and the host keys pinned on first use")
@APIResponse(responseCode = "401", description = "No valid bearer JWT")
@APIResponse(responseCode = "403", description = "The JWT lacks the role")
public class SshKeyResource {

    @Inject
    ProxyKeyStore keys;

    @Inject
    PinnedHostKeyRepository pinnedKeys;

    /** The line to append to {@code ~root/.ssh/authorized_keys} on every host. */
    @GET
    @Path("/public-key")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    @Operation(summary = "The proxy's public key", description = "The authorized_keys line hosts must trust.")
    @APIResponse(responseCode = "200", description = "One authorized_keys line")
    public String publicKey() {
        return keys.authorizedKeysLine() + "\n";
    }

    /** The host key pinned at first contact (policy accept-new), in known_hosts form. */
    @GET
    @Path("/pinned-host-keys/{hostId}")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    @Operation(summary = "The host key pinned for a host", description = "Pinned at first contact under the accept-new policy.")
    @APIResponse(responseCode = "200", description = "The key, known_hosts form")
    @APIResponse(responseCode = "404", description = "No key pinned for this host")
    public String pinnedHostKey(@PathParam("hostId") String hostId) {
        return pinnedKeys.pinnedKey(hostId).map(key -> key + "\n")
                .orElseThrow(() -> new NotFoundException("No host key pinned for " + hostId));
    }

    /** Forgets a pinned key, e.g. after the host was reinstalled; the next run pins the new one. */
    @DELETE
    @Path("/pinned-host-keys/{hostId}")
    @RolesAllowed(ApiRoles.OPERATOR)
    @Operation(summary = "Forget the host key pinned for a host", description = "After a reinstall: the next accept-new connection pins the key that answers.")
    @APIResponse(responseCode = "204", description = "Forgotten")
    @APIResponse(responseCode = "404", description = "No key pinned for this host")
    public Response forgetPinnedHostKey(@PathParam("hostId") String hostId) {
        return pinnedKeys.forget(hostId) ? Response.noContent().build() : Response.status(404).build();
    }
}
