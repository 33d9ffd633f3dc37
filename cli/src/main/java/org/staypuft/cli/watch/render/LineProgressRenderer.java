package org.staypuft.cli.watch.render;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.staypuft.cli.text.Times;
import org.staypuft.cli.watch.Changes;
import org.staypuft.cli.watch.Failure;
import org.staypuft.cli.watch.ProgressRenderer;
import org.staypuft.cli.watch.RoleProgress;
import org.staypuft.cli.watch.RunProgress;
import org.staypuft.cli.watch.RunReport;

/**
 * Progress for a log or a pipe: a line per change. A role's status change is printed at once; its counts at most
 * once a second, so that a role of a thousand hosts does not print a thousand lines.
 */
public final class LineProgressRenderer implements ProgressRenderer {

    static final Duration ROLE_LINE_INTERVAL = Duration.ofSeconds(1);

    private record Printed(RoleProgress.Line line, Instant at) {
    }

    private final PrintWriter out;
    private final Clock clock;
    private final RunReport report;
    private final Map<String, Printed> printed = new HashMap<>();
    private final Map<String, RoleProgress.Line> pending = new LinkedHashMap<>();

    public LineProgressRenderer(PrintWriter out, Clock clock, RunReport report) {
        this.out = out;
        this.clock = clock;
        this.report = report;
    }

    @Override
    public void started(RunProgress run) {
        print(report.headline(run));
        run.roles().forEach(this::printRole);
        out.flush();
    }

    @Override
    public void changed(RunProgress run, Changes changes) {
        if (changes.run()) {
            print(report.headline(run));
        }
        for (RoleProgress.Line role : changes.roles()) {
            Printed last = printed.get(role.name());
            if (last == null || !last.line().status().equals(role.status()) || due(last)) {
                printRole(role);
            } else if (!last.line().equals(role)) {
                pending.put(role.name(), role);
            }
        }
        changes.failures().forEach(failure -> print(report.failureLine(failure)));
        flushDue();
        out.flush();
    }

    @Override
    public void tick(RunProgress run) {
        flushDue();
        out.flush();
    }

    @Override
    public void notice(RunProgress run, String message) {
        print(message);
        out.flush();
    }

    @Override
    public void finished(RunProgress run, List<Failure> failures) {
        pending.clear(); // the summary shows every role as it ended
        out.println();
        out.println(report.headline(run));
        report.roleTable(run, failures).forEach(out::println);
        report.failures(run, failures).forEach(out::println);
        out.flush();
    }

    private void flushDue() {
        for (RoleProgress.Line role : List.copyOf(pending.values())) {
            if (due(printed.get(role.name()))) {
                printRole(role);
            }
        }
    }

    private boolean due(Printed last) {
        return last == null || !clock.instant().isBefore(last.at().plus(ROLE_LINE_INTERVAL));
    }

    private void printRole(RoleProgress.Line role) {
        pending.remove(role.name());
        printed.put(role.name(), new Printed(role, clock.instant()));
        print(role.name() + ": " + role.doing() + ", " + role.done() + "/" + role.total() + " done"
                + (role.skipped() > 0 ? " (" + role.skipped() + " skipped)" : "") + ", " + role.running()
                + " running, " + role.failed() + " failed");
    }

    private void print(String text) {
        out.println("[" + Times.now(clock) + "] " + text);
    }
}
