package org.staypuft.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.staypuft.simulator.SimulatedHost;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./staypuft up --orchestrators 2} on free ports: two orchestrator processes share one database and the
 * consumer groups. A run of the demo deployment on simulated hosts starts through the first, which is killed (SIGKILL)
 * while a controller's puppet run is in flight; the second finishes the run. Every step of the run was requested once
 * (one request per step key), every request ran once on its host, and the survivor drove the steps after the kill.
 */
class TwoOrchestratorsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private LocalStack stack;
    private Demo demo;

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aRunCompletesWithEachStepOnceWhenOneOfTwoOrchestratorsIsKilledMidRun() throws Exception {
        Path state = Files.createDirectories(Path.of("target", "two-orchestrators").toAbsolutePath());
        StackLayout layout = new StackLayout(ROOT, state, StackAddresses.free(2, "127.3.0.1"));
        stack = new LocalStack(layout, true);
        stack.start();
        demo = new Demo(layout, state.resolve("token"), hostsPerRole());
        demo.prepare();
        List<SimulatedHost> controllers = demo.hosts().stream().filter(h -> h.role().equals("controller")).toList();

        assertThat(demo.startRun()).isZero();
        String runId = demo.latestRun().path("id").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> controllers.stream().anyMatch(host -> host.agent().runInProgress()));
        Timestamp killedAt = databaseNow();
        ServiceInstance first = instance(layout, 0);
        stack.services().get(first).destroyForcibly().waitFor();

        String survivor = instance(layout, 1).url();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !demo.get(survivor + "/api/v1/runs/" + runId).path("run").path("status").asText()
                        .matches("RUNNING|CANCELLING"));
        JsonNode run = demo.get(survivor + "/api/v1/runs/" + runId).path("run");
        assertThat(run.path("status").asText()).as("run %s", run).isEqualTo("COMPLETED");
        assertThat(run.path("counts").path("deployed").asInt()).isEqualTo(demo.hosts().size());

        assertThat(strings("SELECT step_key FROM host_request WHERE run_id = ? GROUP BY step_key HAVING count(*) > 1",
                runId)).as("steps requested more than once").isEmpty();
        assertThat(count("SELECT count(*) FROM host_request WHERE run_id = ? AND completed_at IS NULL", runId))
                .isZero();
        assertThat(count("SELECT count(*) FROM host_step WHERE run_id = ? AND attempt > 1", runId)).isZero();
        assertThat(count("SELECT count(*) FROM host_request WHERE run_id = ? AND sent_at > ?", runId, killedAt))
                .as("steps the surviving orchestrator started").isPositive();
        for (SimulatedHost host : demo.hosts()) {
            String hostId = "mac" + host.mac().replace(":", "");
            assertThat(host.puppetRuns()).as("puppet runs on %s", host.name()).isEqualTo(requests(runId, hostId,
                    "PUPPET_RUN"));
            assertThat(host.reboots()).as("reboots of %s", host.name()).isEqualTo(requests(runId, hostId,
                    "PROVISION"));
        }
    }

    /** Each role of the demo deployment, with as few hosts as still show something. */
    private static Map<String, Integer> hostsPerRole() {
        Map<String, Integer> hosts = new LinkedHashMap<>();
        hosts.put("database", 1);
        hosts.put("controller", 2);
        hosts.put("network", 1);
        hosts.put("storage", 1);
        hosts.put("compute", 2);
        return hosts;
    }

    private static ServiceInstance instance(StackLayout layout, int replica) {
        return layout.addresses().instances().stream()
                .filter(i -> i.service() == StaypuftService.ORCHESTRATOR && i.replica() == replica).findFirst()
                .orElseThrow();
    }

    private int requests(String runId, String hostId, String kind) throws SQLException {
        return count("""
                SELECT count(*) FROM host_request r JOIN host_step s ON s.id = r.host_step_id
                WHERE r.run_id = ? AND s.host_id = ? AND r.kind = ?""", runId, hostId, kind);
    }

    private Timestamp databaseNow() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT now()");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getTimestamp(1);
        }
    }

    private int count(String sql, Object... parameters) throws SQLException {
        return Integer.parseInt(strings(sql, parameters).get(0));
    }

    private List<String> strings(String sql, Object... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                stack.database().jdbcUrl(StaypuftService.ORCHESTRATOR.database()), "postgres", "postgres");
    }
}
