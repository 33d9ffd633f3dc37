package org.staypuft.listener;

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
import io.restassured.http.ContentType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staypuft.listener.Operators.asOperator;

/**
 * The endpoint attack (issue 12) on the discovery listener: every operation of its OpenAPI document, every attack
 * class; no 5xx, only documented answers, no row and no event more.
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
        TestProxyKey.present();
        String tokenId = asOperator().contentType(ContentType.JSON).body("{\"description\":\"attack target\"}")
                .post("/api/v1/registration-tokens").then().statusCode(201).extract().path("id");
        String registrationToken = asOperator().contentType(ContentType.JSON)
                .body("{\"description\":\"attack registrations\"}").post("/api/v1/registration-tokens").then()
                .statusCode(201).extract().path("token");
        String mac = Fixtures.randomMac();
        String registration = "{\"hostname\":\"attack-1.example.com\",\"address\":\"198.51.100.77\",\"mac\":\""
                + mac + "\",\"sshHostKeys\":[\"ssh-ed25519 "
                + Fixtures.facts("simple-bond").get("sshed25519key").asText() + "\"]}";

        EndpointAttack attack = EndpointAttack.on(URI.create(base.toString().replaceAll("/$", "")),
                ApiRoles.AUDIENCE_LISTENER).maxBodyBytes(1024 * 1024);
        attack.operation("POST", "/api/v2/discovered_hosts/facts", Access.PUBLIC)
                .body(Fixtures.upload(Fixtures.factsWithMac("dell_vlan", Fixtures.randomMac())));
        attack.operation("POST", "/api/v1/registrations", Access.PUBLIC).credential(registrationToken)
                .body(registration);
        attack.operation("POST", "/api/v1/registration-tokens", Access.OPERATOR)
                .body("{\"description\":\"x\",\"ttl\":\"P1D\",\"maxHosts\":2}");
        attack.operation("GET", "/api/v1/registration-tokens", Access.OPERATOR);
        attack.operation("DELETE", "/api/v1/registration-tokens/{id}", Access.OPERATOR).path("id", tokenId);
        attack.operation("POST", "/api/v1/answer-files", Access.OPERATOR)
                .body("{\"description\":\"x\",\"ttl\":\"P1D\",\"sshUser\":\"root\"}");
        attack.operation("GET", "/api/v1/answer-files/instructions", Access.VIEWER);

        // intake_bucket is the facts rate limit's own bookkeeping: every facts upload takes a token, refused or not.
        EndpointAttack.Report report = attack.run(() -> ServiceState.of(database,
                List.of(Topics.HOST_EVENTS, Topics.HOST_FACTS), Set.of("intake_bucket")));
        EndpointAttack.assertClean(report);
        assertThat(report.requests()).isGreaterThan(100);
    }
}
