package org.staypuft.runner.api;

import java.net.URI;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.staypuft.events.ApiRoles;
import org.staypuft.events.Topics;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.attack.EndpointAttack;
import org.staypuft.testsupport.attack.EndpointAttack.Access;
import org.staypuft.testsupport.attack.ServiceState;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint attack (issue 12) on the puppet-runner: every operation of its OpenAPI document, every attack class;
 * no 5xx, only documented answers, no pinned key forgotten, nothing published.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class EndpointAttackTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource database;

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Test
    void everyOperationRefusesEveryAttackAndNothingChanges() throws Exception {
        SimulatedHost host = kit.host("generic");
        RequestPuppetRun run = RunnerTestKit.runOn(host, "production");
        kit.send(run);
        assertThat(kit.awaitCompletion(run.requestId()).outcome()).isEqualTo(RunOutcome.CHANGED);
        String hostId = RunnerTestKit.hostIdOf(host);

        EndpointAttack attack = EndpointAttack.on(URI.create(base.toString().replaceAll("/$", "")),
                ApiRoles.AUDIENCE_RUNNER);
        attack.operation("GET", "/api/v1/ssh/public-key", Access.VIEWER);
        attack.operation("GET", "/api/v1/ssh/pinned-host-keys/{hostId}", Access.VIEWER).path("hostId", hostId);
        attack.operation("DELETE", "/api/v1/ssh/pinned-host-keys/{hostId}", Access.OPERATOR).path("hostId", hostId);

        EndpointAttack.Report report = attack.run(() -> ServiceState.of(database,
                List.of(Topics.PUPPET_RESULTS), Set.of("runner_replica")));
        EndpointAttack.assertClean(report);
        assertThat(report.requests()).isGreaterThan(40);
    }
}
