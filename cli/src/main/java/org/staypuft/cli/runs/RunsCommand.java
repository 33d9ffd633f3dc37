package org.staypuft.cli.runs;

import java.util.List;
import java.util.concurrent.Callable;

import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.Session;
import org.staypuft.cli.StaypuftCli;
import org.staypuft.cli.WatchOptions;
import org.staypuft.cli.text.Ansi;
import org.staypuft.cli.text.TextTable;
import org.staypuft.cli.text.Times;
import org.staypuft.cli.watch.Failure;
import org.staypuft.cli.watch.RunProgress;
import org.staypuft.cli.watch.RunReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code staypuft runs ...}: a deployment's runs; one run shown, watched, cancelled, resumed (paused at the wait limit),
 * retried, a host skipped.
 */
@Command(name = "runs", description = "Show, list, watch, cancel and resume runs; approve a role; skip a failed host.", mixinStandardHelpOptions = true)
public class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: show, list, watch, cancel, resume, approve, retry-failed or skip");
    }

    @Command(name = "show", description = "A run: its status, each role's progress and timing, its failed hosts.", mixinStandardHelpOptions = true)
    int show(@Parameters(paramLabel = "RUN_ID") String runId) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode detail = session.orchestrator().run(runId);
            List<JsonNode> failed = session.orchestrator().runHosts(runId, null, "FAILED");
            Output output = session.output();
            if (output.json()) {
                ObjectNode document = detail.deepCopy();
                ArrayNode failedHosts = document.putArray("failedHosts");
                failed.forEach(failedHosts::add);
                output.json(document);
                return ExitCode.OK;
            }
            RunProgress run = new RunProgress(runId);
            run.applyDetail(detail);
            RunReport report = report(session);
            output.line(report.headline(run));
            List<Failure> failures = failed.stream().map(Failure::of).toList();
            report.roleTable(run, failures).forEach(output::line);
            report.failures(run, failures).forEach(output::line);
            for (JsonNode role : detail.path("roles")) {
                if ("AWAITING_APPROVAL".equals(role.path("status").asText())) {
                    String name = role.path("name").asText();
                    output.line("Role " + name + " awaits an operator's approval"
                            + (role.path("approval").hasNonNull("deadlineAt")
                                    ? " (fails at " + role.path("approval").path("deadlineAt").asText() + ")"
                                    : "")
                            + ": staypuft runs approve " + runId + " " + name);
                }
            }
            if ("PAUSED".equals(run.status())) {
                output.note("Resume it once the part it waits for is back: staypuft runs resume " + runId);
            } else if (!run.ended()) {
                output.note("Follow it: staypuft runs watch " + runId);
            }
            return ExitCode.OK;
        });
    }

    @Command(name = "list", description = "The runs of a deployment, newest first.", mixinStandardHelpOptions = true)
    int list(@Parameters(paramLabel = "NAME", description = "Deployment name.") String deployment) {
        return StaypuftCli.of(spec).run(spec, session -> {
            String id = session.orchestrator().requireDeployment(deployment).path("id").asText();
            JsonNode runs = session.orchestrator().runsOf(id);
            Output output = session.output();
            output.json(runs);
            if (runs.isEmpty()) {
                output.note("No runs of " + deployment + " yet: staypuft deploy " + deployment + " --watch");
                return ExitCode.OK;
            }
            TextTable table = new TextTable("RUN", "STATUS", "HOSTS", "DEPLOYED", "FAILED", "SKIPPED", "STARTED",
                    "DURATION", "BY");
            for (JsonNode run : runs) {
                JsonNode counts = run.path("counts");
                table.row(run.path("id").asText(), run.path("status").asText(), counts.path("hosts").asInt(),
                        counts.path("deployed").asInt(), counts.path("failed").asInt(),
                        counts.path("skipped").asInt(),
                        Times.local(run.path("createdAt").asText(null), session.environment().clock()),
                        Times.duration(run.hasNonNull("durationMillis") ? run.get("durationMillis").asLong() : null),
                        run.path("triggeredBy").asText(""));
            }
            table.lines("").forEach(output::line);
            return ExitCode.OK;
        });
    }

    @Command(name = "watch", description = "Follows a run live until it ends; the exit code says how it ended (0 completed, 1 failed, 5 cancelled).", mixinStandardHelpOptions = true)
    int watch(@Parameters(paramLabel = "RUN_ID") String runId, @Mixin WatchOptions watchOptions) {
        return StaypuftCli.of(spec).run(spec, session -> watchOptions.watch(session, runId, null));
    }

    @Command(name = "cancel", description = "Cancels a run: nothing new starts; commands under way finish, then it ends CANCELLED.", mixinStandardHelpOptions = true)
    int cancel(@Parameters(paramLabel = "RUN_ID") String runId) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode detail = session.orchestrator().cancel(runId);
            session.output().json(detail);
            session.output().line("Run " + runId + " is " + detail.path("run").path("status").asText()
                    + ": nothing new starts; it ends CANCELLED once the commands under way have answered.");
            return ExitCode.OK;
        });
    }

    @Command(name = "resume", description = "Resumes a run paused at the wait limit (a host waited too long for a part of Staypuft): new hosts start again and the limit counts from now. A FAILED run is retried as by retry-failed.", mixinStandardHelpOptions = true)
    int resume(@Parameters(paramLabel = "RUN_ID") String runId,
            @Option(names = "--watch", description = "Follow the run live until it ends.") boolean watch,
            @Mixin WatchOptions watchOptions) {
        return StaypuftCli.of(spec).run(spec, session -> {
            // "resume" used to be retry-failed's alias: a failed run still resumes that way.
            boolean failed = "FAILED".equals(session.orchestrator().run(runId).path("run").path("status").asText());
            JsonNode detail = failed ? session.orchestrator().retryFailed(runId) : session.orchestrator().resume(runId);
            if (watch) {
                session.output().note("Resumed run " + runId + ".");
                return watchOptions.watch(session, runId, detail);
            }
            session.output().json(detail);
            session.output().line("Run " + runId + " is " + detail.path("run").path("status").asText() + " again: "
                    + (failed ? "its failed hosts start over." : "new hosts start; the wait limit counts from now."));
            session.output().note("Follow it: staypuft runs watch " + runId);
            return ExitCode.OK;
        });
    }

    @Command(name = "approve", description = "Approves a role that awaits an operator's approval (its policy's approval.required): it starts; who approved is recorded.", mixinStandardHelpOptions = true)
    int approve(@Parameters(index = "0", paramLabel = "RUN_ID") String runId,
            @Parameters(index = "1", paramLabel = "ROLE", description = "Role name.") String role,
            @Option(names = "--watch", description = "Follow the run live until it ends.") boolean watch,
            @Mixin WatchOptions watchOptions) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode detail = session.orchestrator().approve(runId, role);
            if (watch) {
                session.output().note("Approved role " + role + " of run " + runId + ".");
                return watchOptions.watch(session, runId, detail);
            }
            session.output().json(detail);
            session.output().line("Approved role " + role + " of run " + runId + ": it starts.");
            session.output().note("Follow it: staypuft runs watch " + runId);
            return ExitCode.OK;
        });
    }

    @Command(name = "retry-failed", description = "Resumes a failed run: its failed hosts start again, blocked roles go on once their dependencies are ready.", mixinStandardHelpOptions = true)
    int retryFailed(@Parameters(paramLabel = "RUN_ID") String runId,
            @Option(names = "--watch", description = "Follow the run live until it ends.") boolean watch,
            @Mixin WatchOptions watchOptions) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode detail = session.orchestrator().retryFailed(runId);
            if (watch) {
                session.output().note("Resumed run " + runId + ".");
                return watchOptions.watch(session, runId, detail);
            }
            session.output().json(detail);
            session.output().line("Run " + runId + " is " + detail.path("run").path("status").asText()
                    + " again: its failed hosts start over.");
            session.output().note("Follow it: staypuft runs watch " + runId);
            return ExitCode.OK;
        });
    }

    @Command(name = "skip", description = "Leaves a failed host out of a run: the run goes on as if it had succeeded; its puppet agent stays disabled.", mixinStandardHelpOptions = true)
    int skip(@Parameters(index = "0", paramLabel = "RUN_ID") String runId,
            @Parameters(index = "1", paramLabel = "HOST", description = "Host id.") String host,
            @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; recorded with who skipped it.") String reason) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode answer = session.orchestrator().skip(runId, host, reason);
            session.output().json(answer);
            session.output().line("Skipped host " + host + " in run " + runId + " (" + reason + "); its status is "
                    + answer.path("host").path("status").asText("SKIPPED") + ".");
            return ExitCode.OK;
        });
    }

    private static RunReport report(Session session) {
        return new RunReport(session.environment().clock(), new Ansi(false));
    }
}
