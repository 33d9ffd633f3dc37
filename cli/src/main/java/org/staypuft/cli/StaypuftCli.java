package org.staypuft.cli;

import java.util.concurrent.Callable;

import org.staypuft.cli.answers.AnswerFileCommand;
import org.staypuft.cli.deployments.DeploymentsCommand;
import org.staypuft.cli.events.EventsCommand;
import org.staypuft.cli.hosts.HostsCommand;
import org.staypuft.cli.rules.RulesCommand;
import org.staypuft.cli.runs.DeployCommand;
import org.staypuft.cli.runs.RunsCommand;
import org.staypuft.cli.webhooks.WebhooksCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code staypuft}: the command line of Staypuft. Tests run it in-process:
 * {@code new CommandLine(new StaypuftCli(environment)).setOut(out).setErr(err).execute(args)}.
 */
@Command(name = "staypuft", mixinStandardHelpOptions = true, version = "staypuft 0.1.0", description = "Drives Staypuft: deployments, hosts, runs with live progress, client installer answer files.", subcommands = {
        DeploymentsCommand.class, HostsCommand.class, RulesCommand.class, DeployCommand.class, RunsCommand.class,
        AnswerFileCommand.class, EventsCommand.class, WebhooksCommand.class, CompletionCommand.class,
        CommandLine.HelpCommand.class}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {ExitCode.HELP_OK,
                ExitCode.HELP_RUN_FAILED, ExitCode.HELP_USAGE, ExitCode.HELP_SERVICE,
                ExitCode.HELP_AUTH, ExitCode.HELP_CANCELLED, ExitCode.HELP_INTERNAL}, footer = {"", "Examples:",
                        "  staypuft deployments apply -f demo.yaml",
                        "  staypuft hosts list --kind registered --state free",
                        "  staypuft hosts assign demo compute mac525400000011 mac525400000012",
                        "  staypuft deploy demo --watch",
                        "  staypuft runs retry-failed RUN_ID --watch",
                        "  staypuft answer-file -o client-installer.answers",
                        "  staypuft events timeline --deployment demo"})
public class StaypuftCli implements Callable<Integer> {

    /** What a command does with a session; its return value is the exit code. */
    @FunctionalInterface
    public interface Action {

        int run(Session session);
    }

    @Option(names = "--orchestrator-url", defaultValue = "http://localhost:8083", scope = ScopeType.INHERIT, paramLabel = "URL", description = "The orchestrator (default: ${DEFAULT-VALUE}).")
    String orchestratorUrl;

    @Option(names = "--registry-url", defaultValue = "http://localhost:8082", scope = ScopeType.INHERIT, paramLabel = "URL", description = "The host registry (default: ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--listener-url", defaultValue = "http://localhost:8081", scope = ScopeType.INHERIT, paramLabel = "URL", description = "The discovery listener (default: ${DEFAULT-VALUE}).")
    String listenerUrl;

    @Option(names = "--runner-url", defaultValue = "http://localhost:8084", scope = ScopeType.INHERIT, paramLabel = "URL", description = "The puppet runner (default: ${DEFAULT-VALUE}).")
    String runnerUrl;

    @Option(names = "--webhooks-url", defaultValue = "http://localhost:8090", scope = ScopeType.INHERIT, paramLabel = "URL", description = "The webhook dispatcher (default: ${DEFAULT-VALUE}).")
    String webhooksUrl;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "JWT", description = "Bearer token for the services. Default: $STAYPUFT_TOKEN, else the file .staypuft/token here, else in the repository of the ./staypuft launcher (./staypuft up writes an operator token there), else ~/.staypuft/token.")
    String token;

    @Option(names = "--output", defaultValue = "text", scope = ScopeType.INHERIT, paramLabel = "FORMAT", description = "text (default) or json: JSON only, for scripts.")
    OutputFormat output;

    @Spec
    CommandSpec spec;

    private final CliEnvironment environment;

    public StaypuftCli() {
        this(CliEnvironment.system());
    }

    public StaypuftCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String... args) {
        // kafka-clients log through SLF4J; the CLI reports Kafka's failures itself and ships no SLF4J provider.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(new CommandLine(new StaypuftCli()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The root of the command the given (sub)command belongs to. */
    public static StaypuftCli of(CommandSpec command) {
        return (StaypuftCli) command.root().userObject();
    }

    /**
     * Runs a command's action: a failure the user can act on is shown as its message and becomes the exit code;
     * anything else is a bug, shown as one line (its stack trace with {@code STAYPUFT_DEBUG=1}).
     */
    public int run(CommandSpec command, Action action) {
        CommandLine commandLine = command.commandLine();
        Output out = new Output(commandLine.getOut(), commandLine.getErr(), output);
        try {
            return action.run(new Session(this, out, environment));
        } catch (CliException e) {
            out.error(e);
            return e.exitCode();
        } catch (CommandLine.ParameterException e) {
            throw e; // usage: picocli shows it with the command's usage, exit code 2
        } catch (RuntimeException e) {
            if (environment.variable("STAYPUFT_DEBUG").isPresent()) {
                e.printStackTrace(commandLine.getErr());
            }
            out.error(new CliException(ExitCode.INTERNAL, "unexpected error in the CLI: " + e
                    + " (STAYPUFT_DEBUG=1 shows where)"));
            return ExitCode.INTERNAL;
        }
    }
}
