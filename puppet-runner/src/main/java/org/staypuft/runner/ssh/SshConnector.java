package org.staypuft.runner.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.core.CoreModuleProperties;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.config.RunnerConfig;

/**
 * Opens authenticated SSH connections with the proxy's key, using one sshd-core client for the whole runner. Each
 * failure becomes an outcome with a reason: unreachable, auth failed, host key mismatch.
 */
@ApplicationScoped
public class SshConnector {

    /** What sshd-core says when the host accepted none of our keys. */
    private static final String NO_MORE_METHODS = "No more authentication methods available";

    @Inject
    RunnerConfig config;

    @Inject
    ProxyKeyStore keys;

    private SshClient client;

    @PostConstruct
    void start() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, serverKey) -> {
            HostKeyCheck check = session.getConnectionContext() == null
                    ? null
                    : session.getConnectionContext().getAttribute(HostKeyCheck.ATTRIBUTE);
            return check != null && check.verify(serverKey);
        });
        client.addSessionListener(new HostKeyAlgorithms());
        // Runs may print nothing for a long time; their own timeout ends them, not an idle timer.
        CoreModuleProperties.IDLE_TIMEOUT.set(client, config.puppet().maxTimeout().plusMinutes(5));
        CoreModuleProperties.AUTH_TIMEOUT.set(client, config.ssh().authTimeout());
        client.start();
    }

    @PreDestroy
    void stop() throws IOException {
        client.stop();
    }

    public HostConnection connect(String user, String address, int port, HostKeyCheck check)
            throws RemoteAccessException {
        ConnectFuture connecting;
        try {
            connecting = client.connect(user, address, port,
                    AttributeRepository.ofKeyValuePair(HostKeyCheck.ATTRIBUTE, check), null);
        } catch (IOException e) {
            throw unreachable(address, port, e);
        }
        Duration connectTimeout = config.ssh().connectTimeout();
        try {
            if (!connecting.await(connectTimeout)) {
                connecting.cancel();
                throw new RemoteAccessException(RunOutcome.UNREACHABLE,
                        "no answer from " + address + ":" + port + " within " + connectTimeout.toSeconds() + "s");
            }
        } catch (IOException e) {
            throw unreachable(address, port, e);
        }
        if (connecting.getException() != null) {
            throw unreachable(address, port, connecting.getException());
        }
        ClientSession session = connecting.getSession();
        try {
            session.addPublicKeyIdentity(keys.keyPair());
            session.auth().verify(config.ssh().authTimeout());
            return new HostConnection(session, config.ssh().disconnectWait());
        } catch (IOException e) {
            session.close(true);
            throw classifyLoginFailure(user, address, port, check, e);
        }
    }

    private static RemoteAccessException classifyLoginFailure(String user, String address, int port,
            HostKeyCheck check, IOException e) {
        if (check.mismatch().isPresent()) {
            return new RemoteAccessException(RunOutcome.HOST_KEY_MISMATCH, "host key mismatch: "
                    + check.mismatch().get());
        }
        if (String.valueOf(e.getMessage()).contains(NO_MORE_METHODS)) {
            return new RemoteAccessException(RunOutcome.AUTH_FAILED, address + ":" + port
                    + " refused the proxy's key for user " + user + " (is it in ~" + user + "/.ssh/authorized_keys?)");
        }
        // Closed during key exchange, timed out: typically sshd not ready yet on a booting host.
        return unreachable(address, port, e);
    }

    private static RemoteAccessException unreachable(String address, int port, Throwable failure) {
        Throwable cause = rootCause(failure);
        String why;
        if (cause instanceof ConnectException) {
            why = "connection refused";
        } else if (cause instanceof NoRouteToHostException) {
            why = "no route to host";
        } else if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            why = "cannot resolve the address";
        } else if (cause instanceof SocketTimeoutException) {
            why = "timed out";
        } else {
            why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return new RemoteAccessException(RunOutcome.UNREACHABLE, address + ":" + port + " unreachable: " + why);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
