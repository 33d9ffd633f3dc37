package org.staypuft.cli.watch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.staypuft.cli.text.Ansi;
import org.staypuft.cli.text.TextTable;
import org.staypuft.cli.text.Times;

/** A run in words: its headline, a table of its roles, its failed hosts and what to do about them. */
public final class RunReport {

    static final int FAILURES_SHOWN = 20;

    private final Clock clock;
    private final Ansi ansi;

    public RunReport(Clock clock, Ansi ansi) {
        this.clock = clock;
        this.ansi = ansi;
    }

    /** {@code Run 5d1e... of demo: FAILED after 2m 13s: roles failed: compute}. */
    public String headline(RunProgress run) {
        StringBuilder line = new StringBuilder("Run ").append(run.runId());
        if (run.deploymentName() != null) {
            line.append(" of ").append(run.deploymentName());
        }
        line.append(": ").append(ansi.status(run.status()));
        if (run.ended()) {
            if (run.durationMillis() != null) {
                line.append(run.status().equals("COMPLETED") ? " in " : " after ")
                        .append(Times.duration(run.durationMillis()));
            }
        } else {
            if ("FINISHING".equals(run.phase())) {
                line.append(" (re-enabling puppet agents)");
            }
            if (run.createdAt() != null) {
                line.append(", started ").append(Times.local(run.createdAt(), clock));
            }
            if (run.triggeredBy() != null) {
                line.append(" by ").append(run.triggeredBy());
            }
        }
        if (run.reason() != null) {
            line.append(": ").append(run.reason());
        }
        return line.toString();
    }

    /** The first line of the live bars: short, it is redrawn and must fit the terminal. */
    public String liveHeadline(RunProgress run) {
        List<RoleProgress.Line> roles = run.roles();
        long ready = roles.stream().filter(role -> role.status().equals("READY")).count();
        int done = roles.stream().mapToInt(RoleProgress.Line::done).sum();
        int failed = roles.stream().mapToInt(RoleProgress.Line::failed).sum();
        int total = roles.stream().mapToInt(RoleProgress.Line::total).sum();
        return (run.deploymentName() == null ? "run" : run.deploymentName()) + ": " + ansi.status(run.status())
                + ("FINISHING".equals(run.phase()) ? ", re-enabling puppet agents" : "") + ", roles " + ready + "/"
                + roles.size() + " ready, hosts " + done + "/" + total + " done" + (failed > 0
                        ? ", " + ansi.red(failed + " failed")
                        : "");
    }

    /**
     * A row per role. FAILED counts every failed host of the role, also those that failed after the role was ready
     * (re-enabling the agent), which the role's own count leaves out: the table then agrees with the failed hosts.
     */
    public List<String> roleTable(RunProgress run, List<Failure> failures) {
        TextTable table = new TextTable("ROLE", "STATUS", "DONE", "RUNNING", "FAILED", "SKIPPED", "TIME");
        for (RoleProgress.Line role : run.roles()) {
            long failedHosts = failures.stream().filter(failure -> role.name().equals(failure.role())).count();
            table.row(role.name(), role.status(), role.done() + "/" + role.total(), role.running(),
                    Math.max(role.failed(), failedHosts), role.skipped(), Times.duration(role.durationMillis()));
        }
        return table.lines("  ");
    }

    /** The failed hosts (the first {@value #FAILURES_SHOWN}) and the commands that go on from there. */
    public List<String> failures(RunProgress run, List<Failure> failures) {
        List<String> lines = new ArrayList<>();
        if (!failures.isEmpty()) {
            lines.add(ansi.red("Failed hosts (" + failures.size() + "):"));
            TextTable table = new TextTable("HOST", "ROLE", "PHASE", "REASON");
            failures.stream().limit(FAILURES_SHOWN)
                    .forEach(failure -> table.row(failure.hostId(), failure.role(), failure.phase(), failure.reason()));
            lines.addAll(table.lines("  "));
            if (failures.size() > FAILURES_SHOWN) {
                lines.add("  ... and " + (failures.size() - FAILURES_SHOWN) + " more: staypuft runs show "
                        + run.runId() + " --output json lists them all");
            }
        }
        if ("FAILED".equals(run.status())) {
            lines.add("Fix the cause, then: staypuft runs retry-failed " + run.runId()
                    + "   (or leave a host out: staypuft runs skip " + run.runId() + " HOST --reason \"...\")");
        }
        return lines;
    }

    /** One line of the live failure tail. */
    public String failureLine(Failure failure) {
        return ansi.red("FAILED") + " host " + failure.hostId() + " (" + failure.role() + ", " + failure.phase()
                + "): " + (failure.reason() == null ? "no reason given" : failure.reason());
    }
}
