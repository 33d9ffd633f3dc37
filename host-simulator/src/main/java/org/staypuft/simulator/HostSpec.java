package org.staypuft.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.staypuft.simulator.puppet.Runmode;

/**
 * What a simulated host looks like when it starts.
 *
 * @param role decides the catalog (controller, compute, ceph/storage, anything else generic)
 * @param agentServiceRunning whether {@code Service[puppet]} runs before the first puppet run (a registered host
 *        usually has it running; a freshly provisioned one has not)
 * @param runDuration how long a puppet run takes
 * @param sshPort 0 for an ephemeral port
 * @param proxyPort port of the discovery image's proxy, 0 for an ephemeral one, -1 for none
 * @param loginUser the only user that may log in, null for any user with an authorized key
 * @param authorizedKeys OpenSSH public key lines allowed to log in
 */
public record HostSpec(String name, String role, Runmode runmode, boolean agentServiceRunning, Duration runDuration,
        int sshPort, int proxyPort, String loginUser, List<String> authorizedKeys) {

    public static final Duration DEFAULT_RUN_DURATION = Duration.ofMillis(200);

    public HostSpec {
        authorizedKeys = List.copyOf(authorizedKeys);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public static final class Builder {

        private final String name;
        private String role = "generic";
        private Runmode runmode = Runmode.NONE;
        private boolean agentServiceRunning;
        private Duration runDuration = DEFAULT_RUN_DURATION;
        private int sshPort;
        private int proxyPort = -1;
        private String loginUser = "root";
        private final List<String> authorizedKeys = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder role(String role) {
            this.role = role;
            return this;
        }

        public Builder runmode(Runmode runmode) {
            this.runmode = runmode;
            return this;
        }

        public Builder agentServiceRunning(boolean running) {
            this.agentServiceRunning = running;
            return this;
        }

        public Builder runDuration(Duration runDuration) {
            this.runDuration = runDuration;
            return this;
        }

        public Builder sshPort(int sshPort) {
            this.sshPort = sshPort;
            return this;
        }

        /** Serve the discovery image's power proxy on this port (0: ephemeral). */
        public Builder discoveryProxy(int port) {
            this.proxyPort = port;
            return this;
        }

        public Builder loginUser(String loginUser) {
            this.loginUser = loginUser;
            return this;
        }

        public Builder authorizedKey(String openSshLine) {
            authorizedKeys.add(openSshLine);
            return this;
        }

        public HostSpec build() {
            return new HostSpec(name, role, runmode, agentServiceRunning, runDuration, sshPort, proxyPort, loginUser,
                    authorizedKeys);
        }
    }
}
