package org.staypuft.cli.runs;

import java.util.concurrent.Callable;

import org.staypuft.cli.ExitCode;
import org.staypuft.cli.StaypuftCli;
import org.staypuft.cli.WatchOptions;
import org.staypuft.cli.api.OrchestratorClient;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staypuft deploy NAME}: starts a run of a deployment, and with {@code --watch} follows it to its end. */
@Command(name = "deploy", description = {
        "Starts a run of a deployment: its hosts not deployed yet (all with --redeploy-all), role after role in dependency order.",
        "With --watch: a progress bar per role and the failures as they happen, until the run ends; the exit code says how it ended."}, mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                "0:started (with --watch: the run completed)", "1:the run failed", "2:usage error",
                "3:a service refused the request, failed or is unreachable",
                "4:no token, token refused or role missing", "5:the run was cancelled"})
public class DeployCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "Deployment name.")
    String deployment;

    @Option(names = "--redeploy-all", description = "Every assigned host, also those deployed before.")
    boolean redeployAll;

    @Option(names = "--watch", description = "Follow the run live until it ends.")
    boolean watch;

    @Mixin
    WatchOptions watchOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return StaypuftCli.of(spec).run(spec, session -> {
            OrchestratorClient orchestrator = session.orchestrator();
            JsonNode target = orchestrator.requireDeployment(deployment);
            JsonNode detail = orchestrator.startRun(target.path("id").asText(), redeployAll);
            String runId = detail.path("run").path("id").asText();
            if (watch) {
                session.output().note("Started run " + runId + " of " + deployment + ".");
                return watchOptions.watch(session, runId, detail);
            }
            session.output().json(detail);
            JsonNode counts = detail.path("run").path("counts");
            session.output().line("Started run " + runId + " of " + deployment + ": " + counts.path("hosts").asInt()
                    + " hosts in " + counts.path("rolesTotal").asInt(detail.path("roles").size()) + " roles.");
            session.output().note("Follow it: staypuft runs watch " + runId);
            return ExitCode.OK;
        });
    }
}
