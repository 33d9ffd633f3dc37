package org.staypuft.registry;

import org.junit.jupiter.api.Test;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.StaypuftTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.staypuft.registry.TestHosts.HOSTS;

/**
 * The host API takes bearer JWTs with the viewer or operator role; /unattended/* keeps its own scheme
 * (none for the puppet server, the build token for hosts being installed).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HostApiAuthTest {

    private static final String[] HOST_PATHS = {HOSTS, HOSTS + "/mac000000000bad", HOSTS + "/mac000000000bad/facts"};

    @Test
    void withoutAValidJwtTheHostApiAnswers401() {
        for (String path : HOST_PATHS) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
            given().auth().oauth2("not-a-jwt").get(path).then().statusCode(401);
            // Issue 12 finding 7: a viewer token for another service, or for none, is refused here.
            given().auth().oauth2(StaypuftTokens.forAudiences(java.util.Set.of(
                    org.staypuft.events.ApiRoles.AUDIENCE_RUNNER), "olga", "viewer")).get(path).then().statusCode(401);
            given().auth().oauth2(StaypuftTokens.withoutAudience("olga", "viewer")).get(path).then()
                    .statusCode(401);
        }
    }

    @Test
    void viewersAndOperatorsReadAndOtherRolesAre403() {
        for (String path : HOST_PATHS) {
            given().auth().oauth2(StaypuftTokens.token("guest", "guest")).get(path).then().statusCode(403);
        }
        given().auth().oauth2(StaypuftTokens.viewer("viewer")).get(HOSTS).then().statusCode(200);
        given().auth().oauth2(StaypuftTokens.operator("operator")).get(HOSTS).then().statusCode(200);
        given().auth().oauth2(StaypuftTokens.viewer("viewer")).get(HOSTS + "/mac000000000bad").then().statusCode(404);
    }

    @Test
    void theBuildTokenEndpointTakesNoJwtAndTheEncIsNotOnThisPort() {
        // The ENC has its own port and credential (EncAuthTest): the main port, which hosts reach, has none.
        given().get("/api/v1/enc/{certname}", "nobody.example.com").then().statusCode(404);
        // A build token is no JWT: the endpoint checks it itself (403), it is not refused as a bad JWT (401).
        given().header("Authorization", "Bearer not-a-build-token").get("/unattended/provision").then()
                .statusCode(403);
    }
}
