package org.staypuft.webhooks;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.staypuft.events.ApiRoles;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.attack.EndpointAttack;
import org.staypuft.testsupport.attack.EndpointAttack.Access;
import org.staypuft.testsupport.attack.ServiceState;
import org.staypuft.webhooks.messaging.Channels;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staypuft.webhooks.Operators.asOperator;

/**
 * The endpoint attack (issue 12) on the webhook dispatcher: every operation of its OpenAPI document, every attack
 * class; no 5xx, only documented answers, no row and no record more.
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
        String id = asOperator().contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example/attack", "eventTypes", List.of("host.built")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");

        EndpointAttack attack = EndpointAttack.on(URI.create(base.toString().replaceAll("/$", "")),
                ApiRoles.AUDIENCE_WEBHOOKS).maxBodyBytes(64 * 1024);
        attack.operation("POST", "/api/v1/webhooks", Access.OPERATOR)
                .body("{\"url\":\"https://hooks.example/x\",\"eventTypes\":[\"deployment.completed\"],"
                        + "\"deploymentId\":\"dep-1\",\"secret\":\"0123456789abcdef0123456789abcdef\"}");
        attack.operation("GET", "/api/v1/webhooks", Access.OPERATOR);
        attack.operation("GET", "/api/v1/webhooks/{id}", Access.OPERATOR).path("id", id);
        attack.operation("DELETE", "/api/v1/webhooks/{id}", Access.OPERATOR).path("id", id);
        attack.operation("GET", "/api/v1/webhooks/{id}/deliveries", Access.OPERATOR).path("id", id);

        EndpointAttack.Report report = attack.run(() -> ServiceState.of(database,
                List.of(Channels.DEAD_LETTER_TOPIC), Set.of()));
        EndpointAttack.assertClean(report);
        assertThat(report.requests()).isGreaterThan(50);
    }
}
