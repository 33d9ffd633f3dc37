package org.staypuft.orchestrator.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.kit.secrets.SealedValues;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.DeploymentEvents;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * Issue 12, finding 2: parameters marked secret never appear in events, answers or exports. They travel and rest
 * sealed; only a holder of the parameter key (the host registry's node classifier) opens them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SecretParametersTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private static final String DB_PASSWORD = "correct-horse-battery-staple";
    private static final String ROLE_TOKEN = "role-token-4f1d2c";

    @Inject
    SealedValues sealedValues;

    @Test
    void secretValuesAreSealedInTheEventAndRedactedInAnswersAndExports() {
        String name = Specs.unique("secrets");
        Map<String, Object> spec = deployment(name, List.of(role("database", List.of(), List.of(),
                "parameters", Map.of("db_engine", "postgresql"), "secretParameters", Map.of("db_token", ROLE_TOKEN))));
        spec.put("secretParameters", Map.of("db_password", DB_PASSWORD));
        String id = Api.operator().body(spec).post("/api/v1/deployments").then().statusCode(201)
                .body("secretParameters.db_password", equalTo("(secret)"))
                .body("roles[0].secretParameters.db_token", equalTo("(secret)"))
                .body(not(containsString(DB_PASSWORD))).body(not(containsString(ROLE_TOKEN)))
                .extract().path("id");
        Api.as(Api.VIEWER).get("/api/v1/deployments/" + id).then().statusCode(200)
                .body(not(containsString(DB_PASSWORD))).body(not(containsString(ROLE_TOKEN)));
        String yaml = Api.as(Api.VIEWER).accept("application/yaml").get("/api/v1/deployments/" + id + "/export")
                .then().statusCode(200).extract().asString();
        assertThat(yaml).contains("db_password:", "(secret)").doesNotContain(DB_PASSWORD, ROLE_TOKEN);

        DeploymentConfigured created = configured(id, 1).get(0);
        assertThat(created.parameters()).doesNotContainKey("db_password");
        assertThat(sealedValues.unseal(created.secretParameters())).isEqualTo(Map.of("db_password", DB_PASSWORD));
        assertThat(sealedValues.unseal(created.roles().get(0).secretParameters()))
                .isEqualTo(Map.of("db_token", ROLE_TOKEN));
        assertThat(rawRecords(id)).isNotEmpty().allSatisfy(record -> assertThat(record)
                .doesNotContain(DB_PASSWORD, ROLE_TOKEN).contains("db_password"));

        // The redacted values sent back (as an edited export would) keep the stored ones.
        Map<String, Object> update = deployment(name, List.of(role("database", List.of(), List.of(),
                "parameters", Map.of("db_engine", "mariadb"), "secretParameters", Map.of("db_token", "(secret)"))));
        update.put("secretParameters", Map.of("db_password", "(secret)"));
        Api.operator().body(update).put("/api/v1/deployments/" + id).then().statusCode(200);
        DeploymentConfigured kept = configured(id, 2).get(1);
        assertThat(kept.roles().get(0).parameters()).containsEntry("db_engine", "mariadb");
        assertThat(sealedValues.unseal(kept.secretParameters())).isEqualTo(Map.of("db_password", DB_PASSWORD));
        assertThat(sealedValues.unseal(kept.roles().get(0).secretParameters()))
                .isEqualTo(Map.of("db_token", ROLE_TOKEN));
        assertThat(rawRecords(id)).allSatisfy(record -> assertThat(record).doesNotContain(DB_PASSWORD, ROLE_TOKEN));
    }

    @Test
    void aRedactedValueWithNothingStoredAndANameBothPlainAndSecretAreRefusedNamingTheField() {
        String name = Specs.unique("redacted");
        Map<String, Object> redacted = deployment(name, List.of(role("database", List.of(), List.of())));
        redacted.put("secretParameters", Map.of("db_password", "(secret)"));
        Api.operator().body(redacted).post("/api/v1/deployments").then().statusCode(400)
                .body(containsString("secretParameters.db_password"))
                .body(containsString("there is none: give the value"));

        Map<String, Object> both = deployment(name, List.of(role("database", List.of(), List.of(),
                "parameters", Map.of("db_token", "plain"), "secretParameters", Map.of("db_token", "x"))));
        Api.operator().body(both).post("/api/v1/deployments").then().statusCode(400)
                .body(containsString("roles[0].secretParameters.db_token"))
                .body(containsString("either secret or not"));
        Api.as(Api.VIEWER).get("/api/v1/deployments").then().statusCode(200).body("name", not(hasItem(name)));
    }

    private static List<DeploymentConfigured> configured(String deploymentId, int count) {
        DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, deploymentId,
                event -> event.payload() instanceof DeploymentConfigured, count);
        return DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, deploymentId).stream()
                .map(EventEnvelope::payload).filter(DeploymentConfigured.class::isInstance)
                .map(DeploymentConfigured.class::cast).toList();
    }

    /** The records as other tools read them off the topic: bytes, not our decoder's view. */
    private static List<String> rawRecords(String deploymentId) {
        return KAFKA.readAll(Topics.DEPLOYMENT_EVENTS).stream().filter(record -> deploymentId.equals(record.key()))
                .map(ConsumerRecord::value).map(value -> new String(value, StandardCharsets.UTF_8)).toList();
    }
}
