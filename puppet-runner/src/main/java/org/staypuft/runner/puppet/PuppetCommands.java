package org.staypuft.runner.puppet;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.runner.config.RunnerConfig;

/**
 * The shell lines the runner sends. Only values that passed a strict pattern are put into them: the environment
 * ({@link RequestValidator#ENVIRONMENT}) and file paths the agent reported ({@link #SAFE_PATH}); the timeout is a
 * number the runner computed.
 */
@ApplicationScoped
public class PuppetCommands {

    /**
     * Job ids the runner passes to {@code --job_id}: the orchestrator's step ids ({@code run/host/label/attempt}),
     * plain characters only.
     */
    public static final Pattern JOB_ID = Pattern.compile("^[A-Za-z0-9._:/-]{1,200}$");

    /** Absolute paths of plain characters only: no spaces, quotes or shell syntax. */
    public static final Pattern SAFE_PATH = Pattern.compile("^/[A-Za-z0-9._/+-]{1,1023}$");

    @Inject
    RunnerConfig config;

    /** Exit status of {@code timeout(1)} when it had to stop the command. */
    public static final int TIMED_OUT = 124;
    /** ... or when the command ignored SIGTERM and got SIGKILL after the grace period. */
    public static final int KILLED = 128 + 9;

    /**
     * The run command. With {@code remote-timeout} (default) the host's {@code timeout(1)} ends it after
     * {@code timeout}: {@code timeout --kill-after=30 600 puppet agent ...}.
     */
    public String run(String environment, Duration timeout) {
        return run(environment, timeout, null);
    }

    /**
     * The run command with {@code --job_id jobId} (the request's step id) when given: the agent writes it into its
     * report, so the runner can tell this run's report from any other's.
     */
    public String run(String environment, Duration timeout, String jobId) {
        String command = prefix() + remoteTimeout(timeout) + config.puppet().command();
        if (jobId != null) {
            if (!JOB_ID.matcher(jobId).matches()) {
                throw new IllegalArgumentException("Unvalidated job id reached the command line");
            }
            command += " --job_id " + jobId;
        }
        if (environment == null) {
            return command;
        }
        if (!RequestValidator.ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException("Unvalidated environment reached the command line");
        }
        return command + " --environment " + environment;
    }

    public String configPrint() {
        return prefix() + config.puppet().configPrintCommand();
    }

    /** Where the agent's lock file and last run files are: {@code puppet config print ... lastrunreport}. */
    public String lockAndReportSettings() {
        return prefix() + config.puppet().configPrintCommand() + " " + LOCK_FILE_SETTING;
    }

    /** Whether process {@code pid} (read from the lock file, digits only) is alive. */
    public String processAlive(long pid) {
        return prefix() + "kill -0 " + pid;
    }

    /** Puppet's setting naming the agent's lock file (its content is the running agent's pid). */
    public static final String LOCK_FILE_SETTING = "agent_catalog_run_lockfile";

    public String cat(String path) {
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("Refusing to read " + RequestValidator.quote(path));
        }
        return prefix() + "cat " + path;
    }

    private String remoteTimeout(Duration timeout) {
        if (!config.puppet().remoteTimeout()) {
            return "";
        }
        return "timeout --kill-after=" + Math.max(1, config.puppet().timeoutGrace().toSeconds()) + " "
                + Math.max(1, timeout.toSeconds()) + " ";
    }

    private String prefix() {
        return config.ssh().sudo() ? "sudo -n " : "";
    }
}
