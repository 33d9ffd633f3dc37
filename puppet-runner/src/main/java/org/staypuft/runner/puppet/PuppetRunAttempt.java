package org.staypuft.runner.puppet;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.events.puppet.AgentState;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.config.RunnerConfig;
import org.staypuft.runner.ssh.BoundedOutput;
import org.staypuft.runner.ssh.CommandResult;
import org.staypuft.runner.ssh.HostConnection;
import org.staypuft.runner.ssh.HostKeyCheck;
import org.staypuft.runner.ssh.HostKeyChecks;
import org.staypuft.runner.ssh.OutputTail;
import org.staypuft.runner.ssh.RemoteAccessException;
import org.staypuft.runner.ssh.SshConnector;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One attempt at a requested puppet run: connect, run the agent and wait for it, then read its summary and report
 * over the same connection. Blocks the calling thread for the whole attempt; the dispatcher bounds how many run.
 */
@ApplicationScoped
public class PuppetRunAttempt {

    /** Puppet's words when another run holds the agent's lock (the original hack killed that run instead). */
    public static final String RUN_IN_PROGRESS = "Run of Puppet configuration client already in progress";
    private static final Logger LOG = Logger.getLogger(PuppetRunAttempt.class);
    private static final int MAX_SETTINGS_OUTPUT = 16 * 1024;
    private static final int DEFAULT_SSH_PORT = 22;
    /** The agent's own service as puppet_management manages it: the enable-agent run's subject. */
    static final String AGENT_SERVICE = "Service[puppet]";

    @Inject
    RunnerConfig config;

    @Inject
    SshConnector connector;

    @Inject
    HostKeyChecks hostKeyChecks;

    @Inject
    PuppetCommands commands;

    private ObjectMapper yaml;

    @PostConstruct
    void init() {
        yaml = PuppetReports.yamlMapper(config.puppet().maxReportBytes());
    }

    /**
     * @param commandStarting called after login, right before the puppet command is sent (marks the run started)
     */
    public AttemptResult attempt(RequestPuppetRun request, Runnable commandStarting) {
        long startNanos = System.nanoTime();
        HostKeyCheck check = hostKeyChecks.forHost(request.hostId(), request.expectedHostKeys());
        String user = request.sshUser() != null ? request.sshUser() : config.ssh().user();
        int port = request.port() == 0 ? DEFAULT_SSH_PORT : request.port();
        boolean started = false;
        OutputTail output = new OutputTail(config.puppet().outputTailBytes());
        try (HostConnection connection = connector.connect(user, request.address(), port, check)) {
            hostKeyChecks.pinIfFirstContact(request.hostId(), check);
            commandStarting.run();
            started = true;
            Duration timeout = timeoutOf(request);
            Instant requestedAt = Instant.now();
            CommandResult result = connection.exec(commands.run(request.environment(), timeout, request.stepId()),
                    clientWait(timeout), output, output);
            return judge(connection, request, requestedAt, result, timeout, output.text(), startNanos);
        } catch (RemoteAccessException e) {
            if (e.retryable()) {
                return new AttemptResult.Retry(AttemptResult.Cause.UNREACHABLE, e.getMessage(), millisSince(startNanos),
                        null);
            }
            return AttemptResult.Finished.failure(e.outcome(), e.getMessage(), millisSince(startNanos), null);
        } catch (IOException e) {
            if (!started) {
                return new AttemptResult.Retry(AttemptResult.Cause.UNREACHABLE,
                        "connection lost before the run: " + e.getMessage(), millisSince(startNanos), null);
            }
            // The run may have happened: never retried blindly.
            return AttemptResult.Finished.failure(RunOutcome.FAILED,
                    "connection lost during the run, its outcome is unknown: " + e.getMessage(),
                    millisSince(startNanos), output.text());
        }
    }

    /** What a look at the host after a takeover found: the run's outcome from its own report, or why not. */
    public record Seen(AttemptResult.Finished result, String note) {
    }

    /**
     * Looks at a host whose run another replica started ({@code startedAt}) and can no longer report: while puppet's
     * lock file names a live process it waits (polling, up to the run's timeout and grace from its start), then reads
     * the last report and summary; when the report is this run's receipt (its job id, complete, compiled for it, not
     * older than the start) its outcome is the run's. Never starts puppet.
     */
    public Seen lookAfterTakeOver(RequestPuppetRun request, Instant startedAt) {
        long startNanos = System.nanoTime();
        HostKeyCheck check = hostKeyChecks.forHost(request.hostId(), request.expectedHostKeys());
        String user = request.sshUser() != null ? request.sshUser() : config.ssh().user();
        int port = request.port() == 0 ? DEFAULT_SSH_PORT : request.port();
        Instant waitUntil = startedAt.plus(timeoutOf(request)).plus(config.puppet().timeoutGrace().multipliedBy(2));
        try (HostConnection connection = connector.connect(user, request.address(), port, check)) {
            Duration timeout = config.puppet().reportTimeout();
            BoundedOutput printed = new BoundedOutput(MAX_SETTINGS_OUTPUT);
            connection.exec(commands.lockAndReportSettings(), timeout, printed, OutputStream.nullOutputStream());
            String lockFile = PuppetReports.settings(printed.text(), List.of(PuppetCommands.LOCK_FILE_SETTING))
                    .get(PuppetCommands.LOCK_FILE_SETTING);
            if (lockFile != null && !lockFile.isEmpty()) {
                Long holder;
                while ((holder = lockHolder(connection, lockFile, timeout)) != null) {
                    if (Instant.now().isAfter(waitUntil)) {
                        return new Seen(null, "puppet (pid " + holder + ") still held the agent's lock at "
                                + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                + ", past the run's timeout");
                    }
                    LOG.debugf("Taken-over run %s: puppet (pid %d) holds the lock on %s; waiting",
                            request.requestId(), holder, request.hostId());
                    sleep(config.puppet().takeoverLockPoll());
                }
            }
            Reports reports = readReports(connection);
            if (reports.receipt() == null) {
                return new Seen(null, "no report to read on the host" + (reports.problem() == null
                        ? ""
                        : " (" + reports.problem() + ")"));
            }
            String problem = reports.receipt().problemFor(request.stepId(), startedAt, config.puppet().clockSkew());
            if (problem != null) {
                return new Seen(null, "the host's last report is not this run's: " + problem);
            }
            RunOutcome outcome = reports.failed().isEmpty() && (reports.counts() == null
                    || reports.counts().failed() == 0)
                            ? (reports.changed().isEmpty() && (reports.counts() == null
                                    || reports.counts().changed() == 0) ? RunOutcome.UNCHANGED : RunOutcome.CHANGED)
                            : RunOutcome.FAILED;
            String reason = outcome == RunOutcome.FAILED
                    ? "resources failed (read from the run's own report after a takeover: the replica that started "
                            + "the run stopped)"
                    : null;
            return new Seen(new AttemptResult.Finished(outcome, null, reason, reports.counts(), reports.changed(),
                    reports.failed(), millisSince(startNanos), null, reports.receipt(), null), null);
        } catch (RemoteAccessException | IOException | RuntimeException e) {
            return new Seen(null, "the host could not be looked at (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Seen(null, "the look at the host was interrupted");
        }
    }

    /** The pid in the agent's lock file when that process is alive, else null (no lock, or a stale one). */
    private Long lockHolder(HostConnection connection, String lockFile, Duration timeout) throws IOException {
        BoundedOutput content = new BoundedOutput(64);
        CommandResult read = connection.exec(commands.cat(lockFile), timeout, content,
                OutputStream.nullOutputStream());
        if (read.timedOut() || read.exitStatus() == null || read.exitStatus() != 0) {
            return null; // no lock file: no run
        }
        String text = content.text().strip();
        if (!text.matches("[0-9]{1,9}")) {
            return null;
        }
        long pid = Long.parseLong(text);
        CommandResult alive = connection.exec(commands.processAlive(pid), timeout, OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
        return !alive.timedOut() && alive.exitStatus() != null && alive.exitStatus() == 0 ? pid : null;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(Math.max(1, duration.toMillis()));
    }

    private AttemptResult judge(HostConnection connection, RequestPuppetRun request, Instant requestedAt,
            CommandResult result, Duration timeout, String output, long startNanos) {
        if (result.timedOut()) {
            return AttemptResult.Finished.failure(RunOutcome.TIMEOUT, "puppet did not finish within "
                    + timeout.toSeconds() + "s"
                    + (config.puppet().remoteTimeout() ? " and the host did not stop it" : "")
                    + "; the runner sent it SIGTERM and closed its channel", millisSince(startNanos), output);
        }
        if (config.puppet().remoteTimeout() && result.exitStatus() != null
                && (result.exitStatus() == PuppetCommands.TIMED_OUT
                        || result.exitStatus() == PuppetCommands.KILLED
                                && millisSince(startNanos) >= timeout.toMillis())) {
            return AttemptResult.Finished.failure(RunOutcome.TIMEOUT, "puppet did not finish within "
                    + timeout.toSeconds() + "s; timeout(1) on the host stopped it (exit " + result.exitStatus() + ")",
                    millisSince(startNanos), output);
        }
        if (result.exitStatus() == null) {
            return AttemptResult.Finished.failure(RunOutcome.FAILED, "puppet was killed by signal "
                    + result.exitSignal(), millisSince(startNanos), output);
        }
        int exit = result.exitStatus();
        if (exit == 1 && output.contains(RUN_IN_PROGRESS)) {
            return new AttemptResult.Retry(AttemptResult.Cause.RUN_IN_PROGRESS,
                    "another puppet run holds the agent's lock", millisSince(startNanos), output);
        }
        if (exit == 1) {
            AgentStates.Declined declined = AgentStates.declined(output);
            if (declined != null) {
                return AttemptResult.Finished.agent(declined.state(), exit, declined.reason(),
                        millisSince(startNanos), output);
            }
        }
        String reason = DetailedExitCodes.reason(exit);
        RunOutcome outcome = DetailedExitCodes.outcome(exit);
        AgentState state = null;
        Reports reports = Reports.NONE;
        if (DetailedExitCodes.wroteReport(exit) && config.puppet().readReports()) {
            reports = readReports(connection);
            if (reports.problem() != null) {
                reason = reason == null ? reports.problem() : reason + "; " + reports.problem();
            }
            // The receipt: only this run's own, complete report, from a catalog the server compiled for it, counts.
            String problem = reports.receipt() == null
                    ? "no report to accept as this run's receipt"
                    : reports.receipt().problemFor(request.stepId(), requestedAt, config.puppet().clockSkew());
            if (request.stepId() != null && problem != null) {
                outcome = RunOutcome.FAILED;
                state = AgentState.NO_RECEIPT;
                reason = "no receipt for this run: " + problem + (reason == null ? "" : "; " + reason);
            }
        }
        return new AttemptResult.Finished(outcome, exit, reason, reports.counts(), reports.changed(),
                reports.failed(), millisSince(startNanos), output,
                state == null ? reports.receipt() : null, state);
    }

    private record Reports(ResourceCounts counts, List<String> changed, List<String> failed,
            PuppetReports.Receipt receipt, String problem) {
        static final Reports NONE = new Reports(null, List.of(), List.of(), null, null);

        static Reports problem(String problem) {
            return new Reports(null, List.of(), List.of(), null, problem);
        }
    }

    private Reports readReports(HostConnection connection) {
        try {
            Duration timeout = config.puppet().reportTimeout();
            BoundedOutput printed = new BoundedOutput(MAX_SETTINGS_OUTPUT);
            connection.exec(commands.configPrint(), timeout, printed, OutputStream.nullOutputStream());
            Map<String, String> settings = PuppetReports.settings(printed.text(), List.of("lastrunfile"));
            String summaryPath = settings.get("lastrunfile");
            if (summaryPath == null) {
                return Reports.problem("report not read: puppet config print did not name lastrunfile");
            }
            ResourceCounts counts = PuppetReports.summary(yaml, readFile(connection, summaryPath, timeout));
            String reportPath = settings.get("lastrunreport");
            if (reportPath == null) {
                return new Reports(counts, List.of(), List.of(), null, "report not read: no lastrunreport setting");
            }
            String report = readFile(connection, reportPath, timeout);
            PuppetReports.ResourceTitles titles = PuppetReports.resourceTitles(yaml, report);
            return new Reports(counts, titles.changed(), titles.failed(),
                    PuppetReports.receipt(yaml, report, AGENT_SERVICE), null);
        } catch (IOException | IllegalArgumentException e) {
            LOG.debugf(e, "Could not read the last run's summary or report");
            return Reports.problem("report not read: " + e.getMessage());
        }
    }

    private String readFile(HostConnection connection, String path, Duration timeout) throws IOException {
        BoundedOutput content = new BoundedOutput(config.puppet().maxReportBytes());
        BoundedOutput errors = new BoundedOutput(1024);
        CommandResult result = connection.exec(commands.cat(path), timeout, content, errors);
        if (result.timedOut() || result.exitStatus() == null || result.exitStatus() != 0) {
            throw new IOException("cannot read " + path + ": " + errors.text().strip());
        }
        if (content.overflow()) {
            throw new IOException(path + " is larger than " + config.puppet().maxReportBytes() + " bytes");
        }
        return content.text();
    }

    /** With the host's timeout(1) in charge, the runner waits out its grace period too before it steps in. */
    private Duration clientWait(Duration timeout) {
        return config.puppet().remoteTimeout() ? timeout.plus(config.puppet().timeoutGrace().multipliedBy(2)) : timeout;
    }

    private Duration timeoutOf(RequestPuppetRun request) {
        if (request.timeoutSeconds() <= 0) {
            return config.puppet().defaultTimeout();
        }
        Duration asked = Duration.ofSeconds(request.timeoutSeconds());
        return asked.compareTo(config.puppet().maxTimeout()) > 0 ? config.puppet().maxTimeout() : asked;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
