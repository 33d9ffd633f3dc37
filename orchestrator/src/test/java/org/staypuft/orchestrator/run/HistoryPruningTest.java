package org.staypuft.orchestrator.run;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.staypuft.kit.inbox.ProcessedEventPruner;
import org.staypuft.orchestrator.run.engine.RunHistoryPruner;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.PuppetSideResponder;
import org.staypuft.orchestrator.testing.SharedResponder;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * What is forgotten after the retention (90 days for ended runs' change logs and commands, 30 days for consumed event
 * ids) and what stays: recent rows, and the ended run itself with its hosts' outcomes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HistoryPruningTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private final PuppetSideResponder responder = SharedResponder.get();

    @Inject
    RunHistoryPruner runHistory;

    @Inject
    ProcessedEventPruner processedEvents;

    @Inject
    EntityManager entityManager;

    @Test
    void anEndedRunsChangeLogAndCommandsGoAfterTheRetentionAndRecentRunsKeepTheirs() {
        String old = completedRunOnOneHost("old");
        String recent = completedRunOnOneHost("recent");
        sql("UPDATE run SET finished_at = now() - interval '91 days' WHERE id = '" + old + "'");
        assertThat(rows("run_change", old)).isPositive();
        assertThat(rows("host_request", old)).isPositive();
        int recentChanges = rows("run_change", recent);
        int recentRequests = rows("host_request", recent);

        RunHistoryPruner.Pruned pruned = runHistory.prune();

        assertThat(rows("run_change", old)).isZero();
        assertThat(rows("host_request", old)).isZero();
        assertThat(pruned.changes()).isPositive();
        assertThat(pruned.requests()).isPositive();
        assertThat(rows("run_change", recent)).isEqualTo(recentChanges);
        assertThat(rows("host_request", recent)).isEqualTo(recentRequests);
        Api.run(old).statusCode(200).body("run.status", equalTo("COMPLETED")).body("run.counts.deployed",
                equalTo(1));
    }

    @Test
    void consumedEventIdsOlderThanTheRetentionAreForgotten() {
        sql("""
                INSERT INTO processed_event (consumer, event_id, processed_at) VALUES
                ('pruning-test', 'old', now() - interval '31 days'),
                ('pruning-test', 'recent', now() - interval '29 days')""");

        assertThat(processedEvents.prune()).isPositive();

        assertThat(QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT event_id FROM processed_event WHERE consumer = 'pruning-test'").getResultList()))
                .containsExactly("recent");
    }

    private String completedRunOnOneHost(String name) {
        String host = Hosts.newId(name);
        Hosts.registered(KAFKA, host);
        responder.script(host, "solo");
        Api.awaitHostsKnown(List.of(host));
        String deployment = Api.createDeployment(deployment(Specs.unique(name), List.of(
                role("solo", List.of(), List.of(host)))));
        String runId = Api.startRun(deployment);
        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60));
        return runId;
    }

    private int rows(String table, String runId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM " + table + " WHERE run_id = :run")
                .setParameter("run", runId).getSingleResult()).intValue());
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }
}
