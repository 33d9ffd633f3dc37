package org.staypuft.simulator.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.staypuft.simulator.SimulatedHost;

/**
 * The SSH server of one simulated host: its own address, port and host key; public key authentication only,
 * against the host's authorized keys; exec requests go to {@link FakeShellCommand}. No shell, no forwarding.
 */
public final class HostSshServer {

    private final SshServer server;

    private HostSshServer(SshServer server) {
        this.server = server;
    }

    /**
     * @param hostKey read for every new session, so a changed host key shows on the next connection
     */
    public static HostSshServer start(SimulatedHost host, int port, Supplier<KeyPair> hostKey,
            SharedIoServiceFactory ioFactory, ScheduledExecutorService scheduler, Executor commands,
            SessionListener sessionListener) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(host.address().getHostAddress());
        server.setPort(port);
        server.setIoServiceFactoryFactory(ioFactory);
        server.setScheduledExecutorService(scheduler, false);
        server.setKeyPairProvider(session -> List.of(hostKey.get()));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setPublickeyAuthenticator((username, key, session) -> host.acceptsLogin(username, key));
        server.setCommandFactory((channel, command) -> new FakeShellCommand(host, command, commands, scheduler));
        server.setShellFactory(null);
        server.addSessionListener(sessionListener);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "StaypuftHostSimulator_1.0");
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the SSH server of " + host.name() + " on "
                    + host.address().getHostAddress() + ":" + port, e);
        }
        return new HostSshServer(server);
    }

    public int port() {
        return server.getPort();
    }

    /** Stops listening and drops open sessions: the host is unreachable (connection refused). */
    public void stop() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
