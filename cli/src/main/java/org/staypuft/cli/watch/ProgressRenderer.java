package org.staypuft.cli.watch;

import java.util.List;

import org.staypuft.cli.CliEnvironment;
import org.staypuft.cli.Output;
import org.staypuft.cli.text.Ansi;
import org.staypuft.cli.text.TerminalWidth;
import org.staypuft.cli.watch.render.AnsiProgressRenderer;
import org.staypuft.cli.watch.render.JsonProgressRenderer;
import org.staypuft.cli.watch.render.LineProgressRenderer;

/** Shows a run's progress while it is watched: bars redrawn on a terminal, lines in a log, JSON lines for scripts. */
public interface ProgressRenderer {

    void started(RunProgress run);

    void changed(RunProgress run, Changes changes);

    /** Called when nothing happened for a moment: time to draw what was held back to avoid flicker. */
    default void tick(RunProgress run) {
    }

    /** Something about the watching itself (the live stream was lost, polling instead). */
    void notice(RunProgress run, String message);

    void finished(RunProgress run, List<Failure> failures);

    static ProgressRenderer choose(Output output, CliEnvironment environment) {
        if (output.json()) {
            return new JsonProgressRenderer(output);
        }
        RunReport report = new RunReport(environment.clock(),
                new Ansi(environment.terminal() && environment.variable("NO_COLOR").isEmpty()));
        return environment.terminal()
                ? new AnsiProgressRenderer(output.stdout(), environment.clock(), report,
                        TerminalWidth.of(environment.variables()))
                : new LineProgressRenderer(output.stdout(), environment.clock(), report);
    }
}
