package org.staypuft.orchestrator.run.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;
import org.staypuft.orchestrator.config.OrchestratorConfig;
import org.staypuft.orchestrator.run.engine.RunStatus;

import io.agroal.api.AgroalDataSource;

/**
 * Streams a run's change log to a Server-Sent-Events client. It polls the database by sequence number, so a client
 * sees every change whichever replica made it, and resumes after a reconnect from {@code Last-Event-ID}. The
 * stream ends once the run has ended and everything was sent.
 */
@ApplicationScoped
public class RunChangeFeed {

    private static final Logger LOG = Logger.getLogger(RunChangeFeed.class);
    private static final int PAGE = 500;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OrchestratorConfig config;

    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "run-events");
        thread.setDaemon(true);
        return thread;
    });

    record Change(long seq, String kind, String data) {
    }

    public void stream(String runId, long afterSeq, SseEventSink sink, Sse sse) {
        poller.execute(new Subscription(runId, afterSeq, sink, sse));
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }

    private final class Subscription implements Runnable {

        private final String runId;
        private final SseEventSink sink;
        private final Sse sse;
        private long after;

        Subscription(String runId, long after, SseEventSink sink, Sse sse) {
            this.runId = runId;
            this.after = after;
            this.sink = sink;
            this.sse = sse;
        }

        @Override
        public void run() {
            if (sink.isClosed()) {
                return;
            }
            try {
                // Status first: if it says ended, every change of the run committed before we read the log.
                boolean ended = ended();
                List<Change> changes = read();
                for (Change change : changes) {
                    sink.send(sse.newEventBuilder().id(Long.toString(change.seq())).name(change.kind())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(change.data()).build())
                            .toCompletableFuture().join();
                    after = change.seq();
                }
                if (ended && changes.size() < PAGE) {
                    sink.close();
                    return;
                }
                poller.schedule(this, changes.size() == PAGE ? 0 : config.events().pollInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException | SQLException e) {
                LOG.debugf("Event stream of run %s ends: %s", runId, e.getMessage());
                closeQuietly();
            }
        }

        private boolean ended() throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement("SELECT status FROM run WHERE id = ?")) {
                statement.setString(1, runId);
                try (ResultSet result = statement.executeQuery()) {
                    if (!result.next()) {
                        return true;
                    }
                    RunStatus status = RunStatus.valueOf(result.getString(1));
                    return !status.active();
                }
            }
        }

        private List<Change> read() throws SQLException {
            List<Change> changes = new ArrayList<>();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT seq, kind, data FROM run_change WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                statement.setString(1, runId);
                statement.setLong(2, after);
                statement.setInt(3, PAGE);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        changes.add(new Change(result.getLong(1), result.getString(2), result.getString(3)));
                    }
                }
            }
            return changes;
        }

        private void closeQuietly() {
            try {
                sink.close();
            } catch (RuntimeException e) {
                // the client is gone already
            }
        }
    }
}
