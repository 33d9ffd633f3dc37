package org.staypuft.cli.watch;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.api.OrchestratorClient;
import org.staypuft.cli.http.ServiceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a run until it ends. Live: the run's Server-Sent Events, reconnecting with {@code Last-Event-ID} after a
 * dropped connection. When the stream cannot be had (an old orchestrator, a proxy that buffers it, repeated
 * failures) it polls the run instead. Either way the end is confirmed by reading the run, and the failed hosts are
 * read from the orchestrator for the summary.
 */
public final class RunWatcher {

    /**
     * @param pollInterval between two reads of the run when polling
     * @param silenceCheck a stream silent this long makes the watcher read the run (has it ended?)
     * @param streamAttempts failed connections in a row before falling back to polling
     * @param giveUpAfter how long the orchestrator may stay unreachable while polling (a restart)
     */
    public record Settings(Duration pollInterval, Duration silenceCheck, int streamAttempts, Duration giveUpAfter) {

        public static Settings defaults(Duration pollInterval) {
            return new Settings(pollInterval, Duration.ofSeconds(15), 3, Duration.ofMinutes(2));
        }
    }

    static final Duration TICK = Duration.ofMillis(250);
    static final String FAILED = "FAILED";

    private final OrchestratorClient orchestrator;
    private final ProgressRenderer renderer;
    private final Settings settings;
    /** The parts of Staypuft hosts wait for, as last announced (issue 11): said once when it starts, once when over. */
    private final java.util.Map<String, String> waitsOfHosts = new java.util.HashMap<>();

    public RunWatcher(OrchestratorClient orchestrator, ProgressRenderer renderer, Settings settings) {
        this.orchestrator = orchestrator;
        this.renderer = renderer;
        this.settings = settings;
    }

    /**
     * @param detail the run as just read (e.g. the answer that started it), or null to read it
     * @return the run as it ended
     */
    public RunProgress watch(String runId, JsonNode detail) {
        RunProgress run = new RunProgress(runId);
        run.applyDetail(detail != null ? detail : orchestrator.run(runId));
        renderer.started(run);
        if (!run.ended() && !followStream(run)) {
            poll(run);
        }
        run.applyDetail(orchestrator.run(runId));
        List<Failure> failures = orchestrator.runHosts(runId, null, FAILED).stream().map(Failure::of).toList();
        renderer.finished(run, failures);
        return run;
    }

    /** @return true when the run ended, false to poll instead */
    private boolean followStream(RunProgress run) {
        String lastEventId = null;
        int failuresInARow = 0;
        while (true) {
            boolean delivered = false;
            String lost;
            try (EventStream stream = new EventStream(open(run.runId(), lastEventId))) {
                long heardAt = System.nanoTime();
                while (true) {
                    EventStream.Item item = stream.next(TICK);
                    if (item instanceof EventStream.Event event) {
                        renderer.changed(run, apply(run, event.event()));
                        noticeWaits(run, event.event());
                        lastEventId = event.event().id() != null ? event.event().id() : lastEventId;
                        delivered = true;
                        heardAt = System.nanoTime();
                    } else if (item instanceof EventStream.End) {
                        lost = null;
                        break;
                    } else if (item instanceof EventStream.Broken broken) {
                        lost = broken.error().getMessage();
                        break;
                    } else {
                        renderer.tick(run);
                        if (System.nanoTime() - heardAt >= settings.silenceCheck().toNanos()) {
                            heardAt = System.nanoTime();
                            if (endedNow(run)) {
                                return true;
                            }
                        }
                    }
                }
            } catch (ServiceException e) {
                if (e.exitCode() == ExitCode.AUTH) {
                    throw e;
                }
                lost = e.getMessage();
            } catch (CliException e) {
                lost = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCode.SERVICE, "interrupted while watching run " + run.runId());
            }
            // The orchestrator closes the stream once the run has ended and everything was sent.
            if (endedNow(run)) {
                return true;
            }
            failuresInARow = delivered ? 0 : failuresInARow + 1;
            if (failuresInARow >= settings.streamAttempts()) {
                renderer.notice(run, "live events unavailable" + (lost == null ? "" : " (" + lost + ")")
                        + "; polling the run every " + settings.pollInterval().toMillis() + " ms");
                return false;
            }
            if (failuresInARow > 0) {
                pause(backoff(failuresInARow), run);
            }
        }
    }

    private InputStream open(String runId, String lastEventId) {
        return orchestrator.runEvents(runId, lastEventId);
    }

    private static Changes apply(RunProgress run, SseEvent event) {
        JsonNode data;
        try {
            data = Output.JSON.readTree(event.data());
        } catch (JsonProcessingException e) {
            return Changes.none(); // not ours to judge; the end-of-run read shows the truth
        }
        return switch (event.name()) {
            case "run" -> run.applyRun(data);
            case "role" -> run.applyRole(data);
            case "host" -> run.applyHost(data);
            default -> Changes.none();
        };
    }

    /** A host started or stopped waiting for a part of Staypuft: says so once per part, not once per host. */
    private void noticeWaits(RunProgress run, SseEvent event) {
        if (!"host".equals(event.name())) {
            return;
        }
        JsonNode host;
        try {
            host = Output.JSON.readTree(event.data());
        } catch (JsonProcessingException e) {
            return;
        }
        String hostId = host.path("hostId").asText();
        String part = host.path("waitingFor").isTextual() ? host.path("waitingFor").asText() : null;
        String before = part == null ? waitsOfHosts.remove(hostId) : waitsOfHosts.put(hostId, part);
        if (part != null && !part.equals(before) && java.util.Collections.frequency(waitsOfHosts.values(), part) == 1) {
            renderer.notice(run, "waiting for " + part + " since " + host.path("waitingSince").asText()
                    + " (hosts do not fail for it; the run goes on when it answers)");
        } else if (part == null && before != null && !waitsOfHosts.containsValue(before)) {
            renderer.notice(run, "no longer waiting for " + before);
        }
    }

    /** Reads the run's status; a read that fails counts as not ended (the stream logic retries). */
    private boolean endedNow(RunProgress run) {
        try {
            Changes changes = run.applyRun(orchestrator.run(run.runId()).path("run"));
            renderer.changed(run, changes);
            return run.ended();
        } catch (ServiceException e) {
            if (e.exitCode() == ExitCode.AUTH) {
                throw e;
            }
            return false;
        } catch (CliException e) {
            return false;
        }
    }

    private void poll(RunProgress run) {
        int failedSeen = -1;
        Long unreachableSince = null;
        while (true) {
            try {
                Changes changes = run.applyDetail(orchestrator.run(run.runId()));
                if (run.failedHosts() != failedSeen) {
                    failedSeen = run.failedHosts();
                    changes = changes.plus(run.addFailures(orchestrator.runHosts(run.runId(), null, FAILED)));
                }
                unreachableSince = null;
                renderer.changed(run, changes);
                if (run.ended()) {
                    return;
                }
            } catch (CliException e) {
                boolean transientFailure = e.exitCode() == ExitCode.SERVICE
                        && !(e instanceof ServiceException refused && refused.status() < 500);
                if (!transientFailure) {
                    throw e;
                }
                if (unreachableSince == null) {
                    unreachableSince = System.nanoTime();
                    renderer.notice(run, e.getMessage() + " Retrying for up to "
                            + settings.giveUpAfter().toSeconds() + " s.");
                } else if (System.nanoTime() - unreachableSince > settings.giveUpAfter().toNanos()) {
                    throw e;
                }
            }
            pause(settings.pollInterval(), run);
        }
    }

    private Duration backoff(int failuresInARow) {
        Duration base = settings.pollInterval().compareTo(Duration.ofMillis(500)) < 0
                ? settings.pollInterval()
                : Duration.ofMillis(500);
        return base.multipliedBy(1L << Math.min(failuresInARow - 1, 4));
    }

    /** Waits, letting the renderer draw what it held back. */
    private void pause(Duration duration, RunProgress run) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (true) {
                long leftMillis = (until - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    return;
                }
                Thread.sleep(Math.min(leftMillis, TICK.toMillis()));
                renderer.tick(run);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.SERVICE, "interrupted while watching run " + run.runId());
        }
    }
}
