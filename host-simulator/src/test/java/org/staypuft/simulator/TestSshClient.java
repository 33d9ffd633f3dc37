package org.staypuft.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.staypuft.simulator.ssh.OpenSshKeys;

/** A plain sshd-core client for the simulator's own tests: one connection per command. */
final class TestSshClient implements AutoCloseable {

    record Result(Integer exitCode, String stdout, String stderr) {
    }

    final KeyPair key = OpenSshKeys.newEd25519();
    final AtomicReference<PublicKey> lastHostKey = new AtomicReference<>();
    private final SshClient client = SshClient.setUpDefaultClient();

    TestSshClient() {
        client.setServerKeyVerifier((session, address, serverKey) -> {
            lastHostKey.set(serverKey);
            return true;
        });
        client.start();
    }

    String publicKeyLine() {
        return OpenSshKeys.line(key.getPublic());
    }

    Result exec(SimulatedHost host, String command) throws IOException {
        try (ClientSession session = login(host)) {
            return exec(session, command, Duration.ofSeconds(20));
        }
    }

    ClientSession login(SimulatedHost host) throws IOException {
        ClientSession session = client.connect("root", host.address().getHostAddress(), host.sshPort())
                .verify(Duration.ofSeconds(10)).getSession();
        session.addPublicKeyIdentity(key);
        session.auth().verify(Duration.ofSeconds(10));
        return session;
    }

    static Result exec(ClientSession session, String command, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(timeout);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            return new Result(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }
}
