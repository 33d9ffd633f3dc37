package org.staypuft.runner.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the puppet-runner can be told, under {@code staypuft.runner}. */
@ConfigMapping(prefix = "staypuft.runner")
public interface RunnerConfig {

    Ssh ssh();

    Puppet puppet();

    Retry retry();

    Reboot reboot();

    Replica replica();

    Network network();

    /**
     * The most requests (puppet runs and reboots) this replica holds at once, running or queued behind the SSH
     * session limit or behind other work for their host. When it holds this many, its consumer takes no further
     * command off Kafka until one finishes: the backlog stays in Kafka (and the requester sees its runs queued), not
     * in this process's memory. At least {@code ssh.max-sessions}, or sessions stay idle.
     */
    @WithDefault("1000")
    int queueCapacity();

    /**
     * Where the runner may connect (SSH to hosts, the discovery image's proxy). The addresses come from facts that
     * anyone on the hosts' network can upload, so they are checked against what the operator configured.
     */
    interface Network {

        /**
         * The provisioning networks as CIDRs ({@code 10.20.0.0/16}, {@code 2001:db8::/48}); every address the runner
         * connects to must lie in one of them. Unset: any unicast address except loopback, link-local, multicast,
         * the runner's own addresses and {@code refused-networks}. Loopback is allowed only when a configured network
         * contains it (the demo and the tests use 127.x addresses).
         */
        Optional<List<String>> provisioningNetworks();

        /**
         * Refused even inside a provisioning network: the stack's own addresses (the services', the database's,
         * the broker's; in Kubernetes the pod and service CIDRs).
         */
        Optional<List<String>> refusedNetworks();
    }

    interface Ssh {

        /**
         * The proxy's private key (OpenSSH format). Generated on first start with 0600 permissions when missing; in
         * Kubernetes a mounted Secret.
         */
        @WithDefault("${user.home}/.staypuft/puppet-runner/id_ed25519")
        Path keyPath();

        /** The type of key generated on first start; an existing RSA or ed25519 key is used as it is. */
        @WithDefault("ed25519")
        ProxyKeyType keyType();

        /** The comment of the authorized_keys line. */
        @WithDefault("staypuft-puppet-runner")
        String keyComment();

        /** The login user when a request names none. */
        @WithDefault("root")
        String user();

        /** Prefix remote commands with {@code sudo -n}, for a non-root login user. */
        @WithDefault("false")
        boolean sudo();

        /** SSH sessions open at once, across all hosts; requests beyond wait their turn. */
        @WithDefault("100")
        int maxSessions();

        /**
         * {@code off}, {@code accept-new} or {@code strict}. Unset: {@code strict} when a request carries the host's
         * keys, {@code accept-new} when it does not.
         */
        Optional<HostKeyPolicy> hostKeyPolicy();

        /** How long the TCP connect may take. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** How long key exchange and authentication may take. */
        @WithDefault("15s")
        Duration authTimeout();

        /** How long to wait for the host to close the connection after our disconnect message. */
        @WithDefault("2s")
        Duration disconnectWait();
    }

    interface Puppet {

        /**
         * The run command; {@code --job_id <step id>} and {@code --environment <env>} are appended. {@code --verbose}
         * puts the agent's messages on the console (without it a real agent logs to syslog only, and "already in
         * progress" or "administratively disabled" would not reach the runner).
         */
        @WithDefault("puppet agent --onetime --no-daemonize --no-usecacheonfailure --detailed-exitcodes --verbose")
        String command();

        /**
         * How far the host's clock may be behind the runner's: a report that started earlier than the request minus
         * this is not the run's receipt.
         */
        @WithDefault("60s")
        Duration clockSkew();

        /** Asks the agent where its last run summary and report are. */
        @WithDefault("puppet config print lastrunfile lastrunreport")
        String configPrintCommand();

        /** Read the summary and report after a run; off leaves resource counts and titles empty. */
        @WithDefault("true")
        boolean readReports();

        /** Reports larger than this are not parsed (the outcome still comes from the exit status). */
        @WithDefault("8388608")
        int maxReportBytes();

        /** How much of the run's output the completed event carries (the end of it). */
        @WithDefault("4096")
        int outputTailBytes();

        /**
         * Wrap the run in {@code timeout(1)} on the host, so the host itself ends a run that overstays, even when the
         * runner or the connection is gone. (OpenSSH ignores SSH signal requests for root sessions before 9.8.)
         */
        @WithDefault("true")
        boolean remoteTimeout();

        /**
         * How long after SIGTERM {@code timeout(1)} sends SIGKILL; the runner waits as long again before it gives up
         * on the host and closes the channel itself. Twice this stays within the orchestrator's request grace (60 s).
         */
        @WithDefault("15s")
        Duration timeoutGrace();

        /** The run timeout when a request gives none. */
        @WithDefault("30m")
        Duration defaultTimeout();

        /** Requests asking for more are capped here. */
        @WithDefault("4h")
        Duration maxTimeout();

        /** How long reading the summary and report may take. */
        @WithDefault("60s")
        Duration reportTimeout();

        /**
         * After a takeover of a run another replica started: how often the runner looks whether puppet still holds
         * the agent's lock on the host (it waits, up to the run's timeout, then reads the run's own report).
         */
        @WithDefault("5s")
        Duration takeoverLockPoll();
    }

    interface Retry {

        /**
         * Attempts while the host refuses connections or does not answer, for requests without an SSH ready timeout
         * (with one, the runner keeps trying for that long).
         */
        @WithDefault("5")
        int unreachableAttempts();

        /** First back-off after an unreachable attempt; doubles each time. */
        @WithDefault("10s")
        Duration unreachableBackoff();

        /** Attempts while another puppet run holds the agent's lock. */
        @WithDefault("10")
        int inProgressAttempts();

        /** Back-off after "already in progress"; doubles each time. */
        @WithDefault("30s")
        Duration inProgressBackoff();

        /** No back-off grows beyond this (a host that just came up should not wait long for its run). */
        @WithDefault("60s")
        Duration maxBackoff();
    }

    interface Reboot {

        /**
         * Trust any certificate of the discovery image's proxy (it has a self-signed one). Only these power calls use
         * this; nothing else in the runner trusts blindly.
         */
        @WithDefault("true")
        boolean trustAllCertificates();

        /** A PEM bundle of CAs to trust instead, when {@code trust-all-certificates} is false. */
        Optional<Path> trustedCertificates();

        /** The timeout of a power call when the request gives none. */
        @WithDefault("30s")
        Duration defaultTimeout();

        /** Power calls in flight at once. */
        @WithDefault("10")
        int concurrency();
    }

    /** Several runners may share one database; each owns the requests it accepted while its lease lasts. */
    interface Replica {

        /**
         * How long a replica's requests stay its own without a heartbeat. When a replica stops (or is killed), the
         * others take its open requests over after this long; a graceful stop hands them over at once.
         */
        @WithDefault("30s")
        Duration lease();

        /** How often a replica renews its lease and looks for requests of replicas whose lease ran out. */
        @WithDefault("10s")
        Duration heartbeat();

        /** Requests taken over per transaction. */
        @WithDefault("500")
        int takeOverBatch();
    }
}
