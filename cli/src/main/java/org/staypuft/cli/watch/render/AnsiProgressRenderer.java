package org.staypuft.cli.watch.render;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.staypuft.cli.text.Ansi;
import org.staypuft.cli.watch.Changes;
import org.staypuft.cli.watch.Failure;
import org.staypuft.cli.watch.ProgressRenderer;
import org.staypuft.cli.watch.RoleProgress;
import org.staypuft.cli.watch.RunProgress;
import org.staypuft.cli.watch.RunReport;

/**
 * Progress on a terminal: one bar per role, redrawn in place (at most ten times a second), with failures printed
 * above the bars as they happen, so that they stay on screen as a tail.
 */
public final class AnsiProgressRenderer implements ProgressRenderer {

    static final Duration REDRAW_INTERVAL = Duration.ofMillis(100);
    static final int MAX_BAR = 30;
    static final int MIN_BAR = 10;

    private final PrintWriter out;
    private final Clock clock;
    private final RunReport report;
    private final int columns;
    private int drawnLines;
    private Instant drawnAt = Instant.MIN;
    private boolean pending;

    /** @param columns the terminal's width: no line is longer, so that none wraps */
    public AnsiProgressRenderer(PrintWriter out, Clock clock, RunReport report, int columns) {
        this.out = out;
        this.clock = clock;
        this.report = report;
        this.columns = columns;
    }

    @Override
    public void started(RunProgress run) {
        draw(run);
    }

    @Override
    public void changed(RunProgress run, Changes changes) {
        if (!changes.failures().isEmpty()) {
            above(changes.failures().stream().map(report::failureLine).toList());
            draw(run);
        } else if (changes.any()) {
            pending = true;
            if (!clock.instant().isBefore(drawnAt.plus(REDRAW_INTERVAL))) {
                draw(run);
            }
        }
    }

    @Override
    public void tick(RunProgress run) {
        if (pending) {
            draw(run);
        }
    }

    @Override
    public void notice(RunProgress run, String message) {
        above(List.of(message));
        draw(run);
    }

    @Override
    public void finished(RunProgress run, List<Failure> failures) {
        draw(run);
        out.println(report.headline(run));
        report.failures(run, failures).forEach(out::println);
        out.flush();
    }

    /** Lines that scroll up above the bars and stay there. */
    private void above(List<String> lines) {
        out.print(Ansi.rewind(drawnLines));
        lines.forEach(out::println);
        drawnLines = 0;
    }

    private void draw(RunProgress run) {
        List<String> block = block(run);
        out.print(Ansi.rewind(drawnLines));
        block.forEach(out::println);
        out.flush();
        drawnLines = block.size();
        drawnAt = clock.instant();
        pending = false;
    }

    private List<String> block(RunProgress run) {
        List<String> lines = new ArrayList<>();
        lines.add(Ansi.fit(report.liveHeadline(run), columns - 1));
        List<RoleProgress.Line> roles = run.roles();
        int nameWidth = roles.stream().mapToInt(role -> role.name().length()).max().orElse(0);
        // "  name  [bar]  " and then "10/10 done  10 running  10 failed  RUNNING" (about 40): the bar takes the rest.
        int barWidth = Math.max(MIN_BAR, Math.min(MAX_BAR, columns - 1 - nameWidth - 6 - 42));
        for (RoleProgress.Line role : roles) {
            lines.add(Ansi.fit(String.format("  %-" + nameWidth + "s  [%s]  %d/%d done  %d running  %d failed  %s",
                    role.name(), bar(role, barWidth), role.done(), role.total(), role.running(), role.failed(),
                    role.doing()), columns - 1));
        }
        return lines;
    }

    /** {@code ######xx>>>.....}: done, failed, running, waiting, each at least one cell when not zero. */
    static String bar(RoleProgress.Line role, int width) {
        int total = Math.max(role.total(), 1);
        int done = cells(role.done(), total, width);
        int failed = cells(role.failed(), total, width);
        int running = cells(role.running(), total, width);
        int over = done + failed + running - width;
        if (over > 0) { // rounding up small counts overflowed: take it from the largest part
            done -= over;
        }
        return "#".repeat(Math.max(done, 0)) + "x".repeat(failed) + ">".repeat(running)
                + ".".repeat(Math.max(0, width - Math.max(done, 0) - failed - running));
    }

    private static int cells(int count, int total, int width) {
        if (count <= 0) {
            return 0;
        }
        return Math.max(1, (int) Math.round((double) count * width / total));
    }
}
