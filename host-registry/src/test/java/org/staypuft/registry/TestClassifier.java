package org.staypuft.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.registry.api.EncEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static org.awaitility.Awaitility.await;
import static org.staypuft.registry.TestHosts.TIMEOUT;

/** The node classifier as the puppet server calls it, and the deployment configurations it classifies with. */
final class TestClassifier {

    static final String ENC = "/api/v1/enc/{certname}";
    /** The shared secret of {@code %test.staypuft.registry.enc.secret-file}. */
    static final Path SECRET_FILE = Path.of("src/test/resources/enc.secret");
    static final String SECRET = readSecret();

    private TestClassifier() {
    }

    /** A request to the ENC's own port, as the puppet server's {@code staypuft-enc} sends it: with the secret. */
    static RequestSpecification given() {
        return anonymous().auth().oauth2(SECRET);
    }

    /** A request to the ENC's port without a credential. */
    static RequestSpecification anonymous() {
        return RestAssured.given().port(port());
    }

    static int port() {
        return Arc.container().instance(EncEndpoint.class).get().port();
    }

    static String url() {
        return "http://127.0.0.1:" + port() + "/api/v1/enc";
    }

    /** The classification; fails unless the answer is 200 YAML. */
    static JsonNode enc(String certname) {
        return yaml(given().get(ENC, certname).then()
                .statusCode(200)
                .contentType("text/yaml")
                .extract().asString());
    }

    /**
     * Waits until the classifier answers 200 with a classification that matches: the deployment's configuration
     * travels on its own topic, apart from the host events.
     */
    static JsonNode awaitEnc(String certname, Predicate<JsonNode> matching) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(TIMEOUT).until(() -> {
            Response response = given().get(ENC, certname);
            if (response.statusCode() != 200) {
                return false;
            }
            found.set(yaml(response.asString()));
            return matching.test(found.get());
        });
        return found.get();
    }

    static List<String> classNames(JsonNode classification) {
        List<String> names = new ArrayList<>();
        classification.path("classes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** What the orchestrator publishes for a deployment with one role, Controller, of these classes. */
    static DeploymentConfigured controllerConfiguration(String deploymentId, String... classes) {
        return new DeploymentConfigured(deploymentId, "overcloud", Map.of(),
                List.of(new RoleConfiguration("Controller", List.of(classes), Map.of())));
    }

    private static String readSecret() {
        try {
            return Files.readString(SECRET_FILE).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode yaml(String yaml) {
        try {
            return new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
