package org.staypuft.listener;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.staypuft.listener.Operators.asOperator;
import static org.staypuft.listener.Operators.asViewer;

/** The answer-file generator: a new token and what the client installer needs, in the installer's format. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AnswerFileTest {

    private static final String ANSWER_FILES = "/api/v1/answer-files";
    private static final String TOKENS = "/api/v1/registration-tokens";

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void proxyKeyIsThere() {
        TestProxyKey.present();
    }

    @Test
    void anAnswerFileHoldsANewTokenAndWhatTheInstallerNeeds() {
        ExtractableResponse<Response> made = asOperator().contentType(ContentType.JSON).body("""
                {"ttl": "P3D", "description": "rack 4", "puppetServer": "puppet.lab.example.com:8140",
                 "sshUser": "deploy"}""")
                .when().post(ANSWER_FILES)
                .then().statusCode(201)
                .contentType(ContentType.TEXT)
                .header("Cache-Control", "no-store")
                .header("Content-Disposition", containsString("client-installer.answers"))
                .extract();
        String file = made.asString();
        Map<String, String> answers = asTheInstallerReadsIt(file);

        assertThat(answers).containsOnlyKeys("registration_url", "registration_token", "proxy_public_key",
                "puppet_server", "ssh_user");
        assertThat(answers.get("registration_url"))
                .isEqualTo(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/registrations");
        assertThat(answers.get("registration_token")).matches("[A-Za-z0-9_-]{43}");
        assertThat(answers.get("proxy_public_key")).isEqualTo(TestProxyKey.LINE);
        assertThat(answers.get("puppet_server")).isEqualTo("puppet.lab.example.com:8140");
        assertThat(answers.get("ssh_user")).isEqualTo("deploy");

        String tokenId = made.header("Location").substring(made.header("Location").lastIndexOf('/') + 1);
        String expiresAt = asOperator().when().get(TOKENS).then().statusCode(200)
                .body("find { it.id == '" + tokenId + "' }.description", equalTo("rack 4"))
                .body("find { it.id == '" + tokenId + "' }.state", equalTo("active"))
                .extract().path("find { it.id == '" + tokenId + "' }.expiresAt");
        assertThat(OffsetDateTime.parse(expiresAt)).isCloseTo(OffsetDateTime.now().plus(Duration.ofDays(3)),
                within(Duration.ofMinutes(5)));
        assertThat(file).startsWith("# Staypuft client installer answer file")
                .contains("registration token " + tokenId, "valid until", "keep this file private",
                        "sh staypuft-client-installer.sh --answers client-installer.answers");

        // The token works for registrations.
        RestAssured.given().header("Authorization", "Bearer " + answers.get("registration_token"))
                .contentType(ContentType.JSON).body("""
                        {"hostname": "web-9.example.com", "address": "192.0.2.99", "mac": "%s",
                         "sshHostKeys": ["%s"]}""".formatted(Fixtures.randomMac(), SshKeyLines.ed25519("root@web-9")))
                .when().post("/api/v1/registrations")
                .then().statusCode(201);
    }

    @Test
    void withoutABodyTheFileHasTheConfiguredDefaultsAndNamesItsMaker() {
        ExtractableResponse<Response> made = asOperator().when().post(ANSWER_FILES)
                .then().statusCode(201).extract();
        Map<String, String> answers = asTheInstallerReadsIt(made.asString());

        assertThat(answers.get("puppet_server")).isEqualTo("puppet");
        assertThat(answers.get("ssh_user")).isEqualTo("root");
        String tokenId = made.header("Location").substring(made.header("Location").lastIndexOf('/') + 1);
        String expiresAt = asOperator().when().get(TOKENS).then()
                .body("find { it.id == '" + tokenId + "' }.description", equalTo("answer file made by test-operator"))
                .extract().path("find { it.id == '" + tokenId + "' }.expiresAt");
        assertThat(OffsetDateTime.parse(expiresAt)).isCloseTo(OffsetDateTime.now().plus(Duration.ofDays(1)),
                within(Duration.ofMinutes(5)));
    }

    @Test
    void theRegistrationUrlCanBeGivenAndADescriptionCannotAddLines() {
        String file = asOperator().contentType(ContentType.JSON).body("""
                {"registrationUrl": "https://staypuft.example.com:8081/api/v1/registrations",
                 "description": "rack 5\\nregistration_url=http://elsewhere.example.com/"}""")
                .when().post(ANSWER_FILES)
                .then().statusCode(201).extract().asString();

        assertThat(asTheInstallerReadsIt(file).get("registration_url"))
                .isEqualTo("https://staypuft.example.com:8081/api/v1/registrations");
        assertThat(file.lines().filter(line -> line.contains("elsewhere"))).singleElement().asString()
                .startsWith("#");
    }

    @Test
    void valuesTheInstallerWouldRefuseAreRefusedByNameAndMakeNoToken() {
        PublishedEvents database = new PublishedEvents(entityManager);
        long tokensBefore = database.count("SELECT count(*) FROM registration_token");

        refused("{\"puppetServer\": \"puppet; rm -rf /\"}", "puppetServer", "puppetServer 'puppet; rm -rf /' is");
        refused("{\"sshUser\": \"Root Admin\"}", "sshUser", "sshUser 'Root Admin' is not a user name");
        refused("{\"registrationUrl\": \"ftp://staypuft.example.com/\"}", "registrationUrl", "registrationUrl");
        refused("{\"ttl\": \"a week\"}", "ttl", "ttl must be an ISO-8601 duration");
        refused("{\"ttl\": \"P900D\"}", "ttl", "ttl must not exceed");
        refused("{\"puppet_server\": \"puppet\"}", "puppet_server", "unknown field 'puppet_server'");
        refused("[]", "body", "the body must be a JSON object");

        assertThat(database.count("SELECT count(*) FROM registration_token")).isEqualTo(tokensBefore);
    }

    @Test
    void withoutTheProxyKeyTheAnswerIs503AndNoTokenIsMade() {
        PublishedEvents database = new PublishedEvents(entityManager);
        long tokensBefore = database.count("SELECT count(*) FROM registration_token");
        TestProxyKey.absent();
        try {
            asOperator().when().post(ANSWER_FILES)
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("detail", startsWith("The proxy public key is not available"))
                    .body("detail", containsString("staypuft.listener.proxy-public-key-file"))
                    .body("detail", containsString("the puppet-runner writes it at its first start"));
        } finally {
            TestProxyKey.present();
        }
        assertThat(database.count("SELECT count(*) FROM registration_token")).isEqualTo(tokensBefore);
    }

    @Test
    void theInstructionsSayWhatToCopyWhatToRunAndWhatSuccessLooksLike() {
        asViewer().when().get(ANSWER_FILES + "/instructions")
                .then().statusCode(200)
                .contentType(ContentType.TEXT)
                .body(containsString(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/answer-files"),
                        containsString("staypuft answer-file -o client-installer.answers"),
                        containsString("scp client-installer/staypuft-client-installer.sh client-installer.answers"),
                        containsString("sh staypuft-client-installer.sh --answers client-installer.answers"),
                        containsString("as root"),
                        containsString("exit code 0"),
                        containsString("staypuft-client-installer: registered HOSTNAME (ADDRESS, MAC)"),
                        containsString("4 the token was refused"));
    }

    /** As the installer's answer() reads the file: comments skipped, key=value, the last line of a key wins. */
    static Map<String, String> asTheInstallerReadsIt(String file) {
        Map<String, String> answers = new LinkedHashMap<>();
        file.lines().map(String::strip).filter(line -> !line.startsWith("#") && line.contains("="))
                .forEach(line -> answers.put(line.substring(0, line.indexOf('=')).strip(),
                        line.substring(line.indexOf('=') + 1).strip()));
        return answers;
    }

    private static void refused(String body, String field, String errorStart) {
        asOperator().contentType(ContentType.JSON).body(body)
                .when().post(ANSWER_FILES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field))
                .body("detail", startsWith(errorStart));
    }
}
