package org.staypuft.registry;

import java.net.URI;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.staypuft.events.ApiRoles;
import org.staypuft.events.Topics;
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
 * The endpoint attack (issue 12) on the host registry: every operation of its OpenAPI document, every attack class;
 * no 5xx, only documented answers, no row and no event more. (The ENC is attacked as it is today; finding 2 changes
 * its authentication.)
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class EndpointAttackTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource database;

    @Test
    void everyOperationRefusesEveryAttackAndNothingChanges() throws Exception {
        String host = "mac0000000a77ac";
        EndpointAttack attack = EndpointAttack.on(URI.create(base.toString().replaceAll("/$", "")),
                ApiRoles.AUDIENCE_REGISTRY);
        attack.operation("GET", "/api/v1/hosts", Access.VIEWER);
        attack.operation("GET", "/api/v1/hosts/{id}", Access.VIEWER).path("id", host);
        attack.operation("GET", "/api/v1/hosts/{id}/facts", Access.VIEWER).path("id", host);
        attack.operation("GET", "/api/v1/hosts/{id}/identity-conflicts", Access.VIEWER).path("id", host);
        attack.operation("POST", "/api/v1/hosts/{id}/identity-conflicts/{conflictId}/accept", Access.OPERATOR)
                .path("id", host).path("conflictId", "0d6f4b2a-8c1e-4f37-9a5d-2b7e6c3f1a90");
        attack.operation("POST", "/api/v1/hosts/{id}/conversion", Access.OPERATOR).path("id", host)
                .body("{\"kind\":\"registered\"}");
        // The ENC is not on this port (its own port and shared secret: EncAuthTest).
        attack.operation("GET", "/unattended/provision", Access.PUBLIC);
        attack.operation("GET", "/unattended/user-data", Access.PUBLIC);
        attack.operation("POST", "/unattended/built", Access.PUBLIC).credential("not-a-build-token")
                .body("{\"sshHostKeys\":[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\"]}");

        EndpointAttack.Report report = attack.run(() -> ServiceState.of(database,
                List.of(Topics.HOST_EVENTS, Topics.DEPLOYMENT_EVENTS), Set.of()));
        EndpointAttack.assertClean(report);
        assertThat(report.requests()).isGreaterThan(60);
    }
}
