package org.staypuft.listener;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.staypuft.events.ApiRoles;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.StaypuftTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.staypuft.listener.Operators.asOperator;
import static org.staypuft.listener.Operators.asViewer;

/**
 * Operator endpoints take bearer JWTs: no valid token 401, a role that may not do it 403, and either way nothing
 * changes. Hosts need none (the discovery upload and registrations keep their own scheme: see the other tests).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OperatorAuthTest {

    private static final String TOKENS = "/api/v1/registration-tokens";
    private static final String ANSWER_FILES = "/api/v1/answer-files";

    @Inject
    EntityManager entityManager;

    private String existingToken;

    @BeforeEach
    void anActiveTokenExists() {
        TestProxyKey.present();
        existingToken = asOperator().contentType(ContentType.JSON).body("{\"description\": \"auth test\"}")
                .when().post(TOKENS).then().statusCode(201).extract().path("id");
    }

    @Test
    void withoutAValidJwtEveryOperatorEndpointAnswers401AndNothingChanges() throws GeneralSecurityException {
        long tokensBefore = tokenRows();
        String foreignKeyToken = Jwt.issuer(StaypuftTokens.ISSUER).subject("mallory").groups(Set.of("operator"))
                .expiresIn(Duration.ofHours(1))
                .sign(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate());

        // Issue 12 finding 7: a valid operator token issued for another service, or for none, is refused here.
        String otherAudience = StaypuftTokens.forAudiences(Set.of(ApiRoles.AUDIENCE_ORCHESTRATOR), "olga", "operator");
        String noAudience = StaypuftTokens.withoutAudience("olga", "operator");
        List<Supplier<RequestSpecification>> callers = List.of(RestAssured::given,
                () -> given().auth().oauth2("not-a-jwt"), () -> given().auth().oauth2(foreignKeyToken),
                () -> given().auth().oauth2(otherAudience), () -> given().auth().oauth2(noAudience));
        for (Supplier<RequestSpecification> caller : callers) {
            unauthorized(caller.get().contentType(ContentType.JSON).body("{\"description\": \"x\"}").post(TOKENS));
            unauthorized(caller.get().get(TOKENS));
            unauthorized(caller.get().delete(TOKENS + "/" + existingToken));
            unauthorized(caller.get().post(ANSWER_FILES));
            unauthorized(caller.get().get(ANSWER_FILES + "/instructions"));
        }

        assertThat(tokenRows()).isEqualTo(tokensBefore);
        assertThat(stateOf(existingToken)).isEqualTo("active");
    }

    @Test
    void viewersReadTheInstructionsButNeitherSeeNorMakeNorRevokeTokens() {
        long tokensBefore = tokenRows();

        asViewer().contentType(ContentType.JSON).body("{\"description\": \"x\"}").when().post(TOKENS)
                .then().statusCode(403);
        asViewer().when().get(TOKENS).then().statusCode(403);
        asViewer().when().delete(TOKENS + "/" + existingToken).then().statusCode(403);
        asViewer().when().post(ANSWER_FILES).then().statusCode(403);
        asViewer().when().get(ANSWER_FILES + "/instructions").then().statusCode(200);
        given().auth().oauth2(StaypuftTokens.token("guest", "guest")).when().get(ANSWER_FILES + "/instructions")
                .then().statusCode(403);

        assertThat(tokenRows()).isEqualTo(tokensBefore);
        assertThat(stateOf(existingToken)).isEqualTo("active");
    }

    private static void unauthorized(Response response) {
        response.then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    private String stateOf(String tokenId) {
        return asOperator().when().get(TOKENS).then().statusCode(200)
                .body("find { it.id == '" + tokenId + "' }.id", equalTo(tokenId))
                .extract().path("find { it.id == '" + tokenId + "' }.state");
    }

    private long tokenRows() {
        return new PublishedEvents(entityManager).count("SELECT count(*) FROM registration_token");
    }
}
