package org.staypuft.runner.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * An authenticated SSH connection to one host. Runs commands one after another, each in its own channel; closing
 * it says goodbye and waits for the host to hang up.
 */
public final class HostConnection implements AutoCloseable {

    private static final Duration CHANNEL_OPEN_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration TERMINATION_GRACE = Duration.ofSeconds(5);

    private final ClientSession session;
    private final Duration disconnectWait;

    HostConnection(ClientSession session, Duration disconnectWait) {
        this.session = session;
        this.disconnectWait = disconnectWait;
    }

    /**
     * Runs a command and waits for it, writing stdout and stderr to the given streams. When the timeout passes, the
     * command gets SIGTERM and its channel is closed (OpenSSH then hangs up on it, and a process without a terminal
     * gets SIGPIPE on its next write).
     */
    public CommandResult exec(String commandLine, Duration timeout, OutputStream stdout, OutputStream stderr)
            throws IOException {
        try (ChannelExec channel = session.createExecChannel(commandLine)) {
            channel.setOut(stdout);
            channel.setErr(stderr);
            channel.open().verify(CHANNEL_OPEN_TIMEOUT);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                terminate(channel);
                return new CommandResult(null, null, true);
            }
            return new CommandResult(channel.getExitStatus(), channel.getExitSignal(), false);
        }
    }

    private void terminate(ChannelExec channel) {
        try {
            Buffer signal = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
            signal.putUInt(channel.getRecipient());
            signal.putString("signal");
            signal.putBoolean(false);
            signal.putString("TERM");
            channel.writePacket(signal);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TERMINATION_GRACE);
        } catch (IOException e) {
            // closing the channel below is the fallback
        } finally {
            channel.close(true);
        }
    }

    /**
     * Sends SSH_MSG_DISCONNECT and waits until the host closes the connection, so that when this returns the host
     * has let go of the session too (a session limit holds as the hosts count it). Falls back to closing our end.
     */
    @Override
    public void close() {
        try {
            if (session.isOpen()) {
                Buffer disconnect = session.createBuffer(SshConstants.SSH_MSG_DISCONNECT, 32);
                disconnect.putInt(SshConstants.SSH2_DISCONNECT_BY_APPLICATION);
                disconnect.putString("puppet run finished");
                disconnect.putString("");
                session.writePacket(disconnect);
                session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), disconnectWait);
            }
        } catch (IOException e) {
            // the host is gone already
        } finally {
            session.close(true);
        }
    }
}
