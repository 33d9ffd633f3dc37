package org.staypuft.orchestrator.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the orchestrator, under {@code staypuft.orchestrator}. */
@ConfigMapping(prefix = "staypuft.orchestrator")
public interface OrchestratorConfig {

    /** User the puppet-runner logs in as on the hosts. */
    @WithDefault("root")
    String sshUser();

    /** SSH port of the hosts. */
    @WithDefault("22")
    int sshPort();

    /**
     * How long the runner keeps retrying SSH for runs other than a freshly built host's first one (that one waits
     * the role's SSH readiness timeout).
     */
    @WithDefault("60s")
    Duration sshRetry();

    /** Hosts of one run preparing at once (provisioning or the registered hosts' PREPARE run). */
    @WithDefault("50")
    int prepareConcurrency();

    /** Hosts of one run re-enabling their agent at once. */
    @WithDefault("50")
    int enableAgentConcurrency();

    /**
     * How long a puppet run may wait to start (in Kafka, in the runner's queue) after it was requested: the request
     * carries {@code notAfter} = sent + this, and a runner that gets to it later runs nothing and answers EXPIRED. The
     * step then asks again with a fresh request (never a host failure). Keeps a run that waited through an outage
     * from starting long after its step moved on (a host failed, a retry asked again).
     */
    @WithDefault("15m")
    Duration queueLimit();

    /** Added to a request's own time budget before its deadline fires: transport and queueing slack. */
    @WithDefault("60s")
    Duration requestGrace();

    /**
     * Wait for the registry's host-configuration-applied before a puppet run that depends on a new environment or
     * runmode; false sends the run right after the change (the classifier may then answer with the old values).
     */
    @WithDefault("true")
    boolean awaitConfigurationApplied();

    /** How long the registry may take to apply an environment/runmode change before the host fails. */
    @WithDefault("120s")
    Duration configurationTimeout();

    /** Re-send requests outstanding at a crash, with their original request ids, when this replica starts. */
    @WithDefault("true")
    boolean resendOnStartup();

    /**
     * How often a step whose part of Staypuft did not answer in time (the puppet-runner, the registry's
     * confirmation, Kafka between them) looks again: it sends its command again (same request id, run at most once)
     * and keeps waiting. Such a step never fails its host (issue 11); the API and the watcher say what it waits for.
     */
    @WithDefault("60s")
    Duration partRecheck();

    /**
     * How long a host may wait for a part of Staypuft (counted from when it started waiting, or from the run's last
     * resume if later) before its run is PAUSED: no new host starts, nothing is failed, an operator resumes it
     * ({@code POST /api/v1/runs/{runId}/resume}, {@code staypuft runs resume}). Checked when the waiting step looks
     * again ({@link #partRecheck()}), so a run pauses up to that much later.
     */
    @WithDefault("30m")
    Duration waitLimit();

    /**
     * How long after this replica's database came back a passed deadline is put down to the outage rather than the
     * host: the step waits for "database" and looks again, so answers held up meanwhile (a built callback the
     * installer retries, events in Kafka) arrive first. Longer than the hosts' own callback retries (~100 s).
     */
    @WithDefault("2m")
    Duration outageGrace();

    /**
     * How many times one attempt of a step asks again for a puppet run that could not get its catalog (puppet server
     * or ENC unavailable: "Could not retrieve catalog from remote server", "Error 500 on SERVER", "Could not request
     * certificate"), with a back-off doubling from {@link #catalogRetryBackoff()} up to a minute, before the host
     * fails as CATALOG_UNAVAILABLE.
     */
    @WithDefault("15")
    int catalogRetries();

    /** The first back-off of a catalog-unavailable retry. */
    @WithDefault("5s")
    Duration catalogRetryBackoff();

    Deadlines deadlines();

    History history();

    Events events();

    RoleDefaults roleDefaults();

    Api api();

    interface Api {

        /** Host steps per page of {@code GET /api/v1/runs/{runId}/hosts} when the client asks for no size. */
        @WithDefault("100")
        int defaultPageSize();

        /** The largest page of host steps a client may ask for; a bigger one gets a 400 naming this limit. */
        @WithDefault("1000")
        int maxPageSize();
    }

    /** What is kept of runs that ended: their change log ({@code run_change}) and commands ({@code host_request}). */
    interface History {

        /**
         * How long after a run ended its change log and commands are kept. The run, its roles and its hosts' steps
         * (outcome, reason) stay. Far beyond any redelivery: a late answer to a pruned command is unknown and
         * changes nothing.
         */
        @WithDefault("P90D")
        Duration retention();

        /** How often ended runs' history past the retention is deleted. */
        @WithDefault("1h")
        Duration pruneInterval();

        /** Rows deleted per transaction. */
        @WithDefault("5000")
        int pruneBatch();
    }

    interface Deadlines {

        /** How often the scanner looks for due deadlines. */
        @WithDefault("5s")
        String scanInterval();

        /** Runs the scanner handles per tick at most; the rest wait for the next tick. */
        @WithDefault("100")
        int batchSize();
    }

    interface Events {

        /** How often a live stream polls its run's change log. */
        @WithDefault("500ms")
        Duration pollInterval();
    }

    /** Values a role gets when its definition leaves them out; stored with the role when it is saved. */
    interface RoleDefaults {

        /** Hosts of a {@code concurrent} (or, after its leader, {@code leader}) role running puppet at once. */
        @WithDefault("10")
        int maxConcurrent();

        /** Puppet runs per host; only the last must be clean. */
        @WithDefault("1")
        int puppetRuns();

        /** Reboot to built callback of a discovered host (the original waited 7200 s). */
        @WithDefault("7200s")
        Duration provisioningTimeout();

        /** How long a freshly built host may take until SSH answers (the original polled 1800 s). */
        @WithDefault("1800s")
        Duration sshReadyTimeout();

        /** One puppet run, once connected. */
        @WithDefault("3600s")
        Duration puppetRunTimeout();
    }
}
