package org.staypuft.runner.api;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.staypuft.events.ApiRoles;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.StaypuftTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.staypuft.runner.support.RunnerTestKit.runOn;

/**
 * Finding 4 of issue 12: the runner had no authentication at all; {@code DELETE /api/v1/ssh/pinned-host-keys/{id}}
 * answered 404 (not 401) to anyone, so the next accept-new connection pinned whatever answered. Now bearer JWTs as
 * every service: viewers read, operators forget pinned keys; the OpenAPI document is published.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RunnerAuthTest {

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Test
    void withoutAValidJwtNothingIsAnsweredAndNoPinnedKeyIsForgotten() throws Exception {
        SimulatedHost host = kit.host("generic");
        RequestPuppetRun run = runOn(host, "production");
        kit.send(run);
        assertThat(kit.awaitCompletion(run.requestId()).outcome()).isEqualTo(RunOutcome.CHANGED);
        String hostId = RunnerTestKit.hostIdOf(host);

        for (String token : invalidTokens()) {
            for (RequestSpecification caller : List.of(token == null ? given() : given().auth().oauth2(token))) {
                caller.delete("/api/v1/ssh/pinned-host-keys/{id}", hostId).then().statusCode(401)
                        .header("WWW-Authenticate", startsWith("Bearer"));
            }
            bearer(token).get("/api/v1/ssh/pinned-host-keys/{id}", hostId).then().statusCode(401);
            bearer(token).get("/api/v1/ssh/public-key").then().statusCode(401);
        }
        // A viewer reads, but may not change trust; another role does neither.
        bearer(StaypuftTokens.viewer("victor")).delete("/api/v1/ssh/pinned-host-keys/{id}", hostId).then()
                .statusCode(403);
        bearer(StaypuftTokens.token("guest", "guest")).get("/api/v1/ssh/pinned-host-keys/{id}", hostId).then()
                .statusCode(403);
        bearer(StaypuftTokens.token("guest", "guest")).get("/api/v1/ssh/public-key").then().statusCode(403);

        bearer(StaypuftTokens.viewer("victor")).get("/api/v1/ssh/pinned-host-keys/{id}", hostId).then()
                .statusCode(200).body(equalTo(host.hostKeyLine() + "\n"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithItsBearerScheme() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/ssh/public-key'.get.responses.'401'.description", equalTo("No valid bearer JWT"))
                .body("paths.'/api/v1/ssh/pinned-host-keys/{hostId}'.delete.responses.'403'.description",
                        equalTo("The JWT lacks the role"))
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"));
    }

    private static RequestSpecification bearer(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    /** No token, not a JWT, signed by a foreign key, tampered (roles changed after signing), {@code alg: none}. */
    private static List<String> invalidTokens() throws Exception {
        String foreign = Jwt.issuer(StaypuftTokens.ISSUER).subject("mallory").groups(Set.of("operator"))
                .expiresIn(Duration.ofHours(1))
                .sign(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate());
        String[] viewer = StaypuftTokens.viewer("mallory").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(viewer[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"", "\"operator\"");
        String tampered = viewer[0] + "." + base64(payload) + "." + viewer[2];
        String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(payload) + ".";
        // Issue 12 finding 7: an operator token for another service, or for none, is refused here.
        String otherAudience = StaypuftTokens.forAudiences(Set.of(ApiRoles.AUDIENCE_ORCHESTRATOR), "olga",
                "operator");
        String noAudience = StaypuftTokens.withoutAudience("olga", "operator");
        return java.util.Arrays.asList(null, "not-a-jwt", foreign, tampered, none, otherAudience, noAudience);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
