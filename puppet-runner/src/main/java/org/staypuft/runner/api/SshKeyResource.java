package org.staypuft.runner.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.staypuft.runner.ssh.PinnedHostKeyRepository;
import org.staypuft.runner.ssh.ProxyKeyStore;

/** The proxy's public key for provisioning templates and the client installer, and the pinned host keys. */
@Path("/api/v1/ssh")
public class SshKeyResource {

    @Inject
    ProxyKeyStore keys;

    @Inject
    PinnedHostKeyRepository pinnedKeys;

    /** The line to append to {@code ~root/.ssh/authorized_keys} on every host. */
    @GET
    @Path("/public-key")
    @Produces(MediaType.TEXT_PLAIN)
    public String publicKey() {
        return keys.authorizedKeysLine() + "\n";
    }

    /** The host key pinned at first contact (policy accept-new), in known_hosts form. */
    @GET
    @Path("/pinned-host-keys/{hostId}")
    @Produces(MediaType.TEXT_PLAIN)
    public String pinnedHostKey(@PathParam("hostId") String hostId) {
        return pinnedKeys.pinnedKey(hostId).map(key -> key + "\n")
                .orElseThrow(() -> new NotFoundException("No host key pinned for " + hostId));
    }

    /** Forgets a pinned key, e.g. after the host was reinstalled; the next run pins the new one. */
    @DELETE
    @Path("/pinned-host-keys/{hostId}")
    public Response forgetPinnedHostKey(@PathParam("hostId") String hostId) {
        return pinnedKeys.forget(hostId) ? Response.noContent().build() : Response.status(404).build();
    }
}
