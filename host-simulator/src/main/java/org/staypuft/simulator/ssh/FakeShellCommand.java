package org.staypuft.simulator.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.simulator.puppet.AgentRunResult;
import org.staypuft.simulator.puppet.FakePuppetAgent;

/**
 * One exec request on a simulated host: the commands the puppet-runner sends ({@code puppet agent},
 * {@code puppet config print}, {@code cat}), optionally behind {@code sudo -n}, with real exit statuses. Anything
 * else answers like a shell that does not know the command.
 */
final class FakeShellCommand implements Command {

    /** The status a shell reports for a command killed by SIGTERM. */
    static final int TERMINATED = 128 + 15;
    /** What timeout(1) exits with when it stopped the command. */
    static final int TIMED_OUT = 124;

    private final SimulatedHost host;
    private final String commandLine;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean exited = new AtomicBoolean();
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;
    private volatile FakePuppetAgent.Run agentRun;

    FakeShellCommand(SimulatedHost host, String commandLine, Executor executor, ScheduledExecutorService scheduler) {
        this.host = host;
        this.commandLine = commandLine;
        this.executor = executor;
        this.scheduler = scheduler;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        host.recordCommand(commandLine);
        env.addSignalListener((ch, signal) -> terminate(), Signal.TERM, Signal.KILL, Signal.INT, Signal.HUP);
        // Never run on the NIO thread that delivered the request: writing output may wait for window space.
        executor.execute(this::dispatch);
    }

    private void dispatch() {
        try {
            if (ShellWords.hasShellSyntax(commandLine)) {
                host.recordInjection(commandLine);
                finish(2, List.of(), List.of("sh: shell syntax refused by the simulator: " + commandLine));
                return;
            }
            List<String> words = new ArrayList<>(ShellWords.split(commandLine));
            if (words.size() >= 2 && words.get(0).equals("sudo") && words.get(1).equals("-n")) {
                words.subList(0, 2).clear();
            }
            if (!words.isEmpty() && words.get(0).equals("timeout")) {
                limitDuration(words);
            }
            if (words.isEmpty()) {
                finish(0, List.of(), List.of());
                return;
            }
            String program = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
            List<String> args = words.subList(1, words.size());
            switch (program) {
                case "puppet" -> puppet(args);
                case "cat" -> cat(args);
                case "kill" -> kill(args);
                case "echo" -> finish(0, List.of(String.join(" ", args)), List.of());
                case "true" -> finish(0, List.of(), List.of());
                case "hostname" -> finish(0, List.of(host.name()), List.of());
                default -> finish(127, List.of(), List.of("bash: " + words.get(0) + ": command not found"));
            }
        } catch (RuntimeException e) {
            finish(1, List.of(), List.of("simulator error: " + e));
        }
    }

    /**
     * {@code timeout [-k D|--kill-after=D] [-s SIG] DURATION command...}: strips the wrapper and ends the command
     * after DURATION with exit 124, as GNU timeout does (unless the host's timeout is broken).
     */
    private void limitDuration(List<String> words) {
        words.remove(0);
        while (!words.isEmpty() && words.get(0).startsWith("-")) {
            String option = words.remove(0);
            if ((option.equals("-k") || option.equals("-s")) && !words.isEmpty()) {
                words.remove(0);
            }
        }
        if (words.isEmpty()) {
            return;
        }
        long millis = durationMillis(words.remove(0));
        if (!host.remoteTimeoutBroken()) {
            scheduler.schedule(() -> {
                FakePuppetAgent.Run run = agentRun;
                if (run != null && run.terminate()) {
                    executor.execute(() -> finish(TIMED_OUT, List.of(), List.of()));
                }
            }, millis, TimeUnit.MILLISECONDS);
        }
    }

    private static long durationMillis(String duration) {
        char unit = duration.charAt(duration.length() - 1);
        double factor = switch (unit) {
            case 'm' -> 60_000;
            case 'h' -> 3_600_000;
            case 'd' -> 86_400_000;
            default -> 1000;
        };
        String number = Character.isDigit(unit) ? duration : duration.substring(0, duration.length() - 1);
        return (long) (Double.parseDouble(number) * factor);
    }

    private void puppet(List<String> args) {
        if (args.isEmpty()) {
            finish(1, List.of(), List.of("Usage: puppet <subcommand> [options] <action> [options]"));
        } else if (args.get(0).equals("agent")) {
            agent(args.subList(1, args.size()));
        } else if (args.size() >= 2 && args.get(0).equals("config") && args.get(1).equals("print")) {
            configPrint(args.subList(2, args.size()));
        } else if (args.get(0).equals("--version")) {
            finish(0, List.of(org.staypuft.simulator.puppet.PuppetReportWriter.PUPPET_VERSION), List.of());
        } else {
            finish(1, List.of(), List.of("Error: Unknown Puppet subcommand '" + args.get(0) + "'"));
        }
    }

    private void agent(List<String> args) {
        String environment = null;
        String jobId = null;
        boolean detailedExitcodes = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--detailed-exitcodes") || arg.equals("--test") || arg.equals("-t")) {
                detailedExitcodes = true;
            } else if (arg.equals("--environment") && i + 1 < args.size()) {
                environment = args.get(++i);
            } else if (arg.startsWith("--environment=")) {
                environment = arg.substring("--environment=".length());
            } else if (arg.equals("--job_id") && i + 1 < args.size()) {
                jobId = args.get(++i);
            }
        }
        agentRun = host.agent().run(environment, jobId, detailedExitcodes, this::agentFinished);
    }

    private void agentFinished(AgentRunResult result) {
        executor.execute(() -> finish(result.exitCode(), result.stdout(), result.stderr()));
    }

    private void configPrint(List<String> settings) {
        List<String> lines = new ArrayList<>();
        for (String setting : settings) {
            if (setting.startsWith("--")) {
                continue;
            }
            String value = host.agent().setting(setting).orElse("");
            lines.add(settings.size() == 1 ? value : setting + " = " + value);
        }
        finish(0, lines, List.of());
    }

    private void cat(List<String> paths) {
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        for (String path : paths) {
            Optional<String> content = host.agent().file(path);
            if (content.isPresent()) {
                stdout.add(content.get().stripTrailing());
            } else {
                stderr.add("cat: " + path + ": No such file or directory");
            }
        }
        finish(stderr.isEmpty() ? 0 : 1, stdout, stderr);
    }

    /** Only {@code kill -0 PID}: whether the agent's run with that pid is alive. */
    private void kill(List<String> args) {
        if (args.size() != 2 || !args.get(0).equals("-0") || !args.get(1).matches("[0-9]{1,9}")) {
            finish(2, List.of(), List.of("kill: the simulator knows only kill -0 PID"));
            return;
        }
        boolean alive = host.agent().processAlive(Integer.parseInt(args.get(1)));
        finish(alive ? 0 : 1, List.of(), alive ? List.of() : List.of("kill: (" + args.get(1) + ") - No such process"));
    }

    private void terminate() {
        FakePuppetAgent.Run run = agentRun;
        if (run != null && run.terminate()) {
            executor.execute(() -> finish(TERMINATED, List.of(), List.of()));
        }
    }

    private void finish(int exitCode, List<String> stdout, List<String> stderr) {
        if (!exited.compareAndSet(false, true)) {
            return;
        }
        try {
            write(out, stdout);
            write(err, stderr);
        } catch (IOException e) {
            // the client went away; the exit status below still closes the channel
        }
        exitCallback.onExit(exitCode);
    }

    private static void write(OutputStream stream, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        stream.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        stream.flush();
    }

    @Override
    public void destroy(ChannelSession channel) {
        // The client closed the channel (e.g. its timeout): like SIGHUP, the agent run stops.
        FakePuppetAgent.Run run = agentRun;
        if (run != null) {
            run.terminate();
        }
    }

    @Override
    public void setInputStream(InputStream in) {
        // commands read nothing
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }
}
