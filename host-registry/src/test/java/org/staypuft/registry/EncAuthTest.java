package org.staypuft.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.StaypuftTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.staypuft.registry.TestClassifier.ENC;
import static org.staypuft.registry.TestClassifier.SECRET;
import static org.staypuft.registry.TestClassifier.SECRET_FILE;
import static org.staypuft.registry.TestClassifier.anonymous;
import static org.staypuft.registry.TestClassifier.given;
import static org.staypuft.registry.TestHosts.awaitHost;
import static org.staypuft.registry.TestHosts.event;

/**
 * Issue 12, finding 2: the ENC hands a host's every deployment and role parameter to whoever asks. It now answers
 * only on its own port, and only a caller holding the puppet server's shared secret.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class EncAuthTest {

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void aCallerWithoutTheSharedSecretLearnsNothing() {
        String id = registeredHost();
        given().get(ENC, id).then().statusCode(200).body(containsString("staypuft_host_id: \"" + id + "\""));

        anonymous().get(ENC, id).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json")
                .body("type", equalTo("urn:staypuft:problem:unauthenticated"))
                .body("detail", containsString("shared secret"))
                .body(not(containsString(id)));
        anonymous().auth().oauth2(SECRET + "x").get(ENC, id).then().statusCode(401);
        anonymous().auth().oauth2(SECRET.substring(1)).get(ENC, id).then().statusCode(401);
        // The operator's JWT is no ENC credential: the ENC is the puppet server's alone.
        anonymous().auth().oauth2(StaypuftTokens.operator("operator")).get(ENC, id).then().statusCode(401);
        anonymous().header("Authorization", "Basic " + SECRET).get(ENC, id).then().statusCode(401);
        // An unknown name is answered only to the secret's holder, so nobody else can probe the inventory.
        anonymous().get(ENC, "nobody.example.com").then().statusCode(401);
    }

    @Test
    void theEncPortServesNothingElseAndRefusesWhatIsNoCertname() {
        given().get(ENC, "a%00b").then().statusCode(400).body("field", equalTo("certname"));
        given().get(ENC, ".hidden").then().statusCode(400);
        given().get("/api/v1/hosts").then().statusCode(404);
        given().post(ENC, "mac000000000001").then().statusCode(404);
    }

    @Test
    void theSecretIsReadAtEachRequestSoItRotatesAndAnUnusableOneRefusesEverybody() throws Exception {
        String id = registeredHost();
        String original = Files.readString(SECRET_FILE, StandardCharsets.UTF_8);
        String rotated = "rotated-" + SECRET;
        try {
            Files.writeString(SECRET_FILE, rotated + "\n", StandardCharsets.UTF_8);
            anonymous().auth().oauth2(rotated).get(ENC, id).then().statusCode(200);
            given().get(ENC, id).then().statusCode(401);

            Files.writeString(SECRET_FILE, "too short\n", StandardCharsets.UTF_8);
            given().get(ENC, id).then().statusCode(503)
                    .body("detail", containsString("staypuft.registry.enc.secret-file"));
        } finally {
            Files.writeString(SECRET_FILE, original, StandardCharsets.UTF_8);
        }
        given().get(ENC, id).then().statusCode(200);
    }

    private String registeredHost() {
        String id = TestHosts.newHostId();
        kafka.send(event(new HostRegistered(id, TestHosts.registeredSnapshot(id), null)));
        awaitHost(id, "kind", is("registered"));
        return id;
    }
}
