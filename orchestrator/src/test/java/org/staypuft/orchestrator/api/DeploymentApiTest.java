package org.staypuft.orchestrator.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.DeploymentEvents;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.PuppetSideResponder;
import org.staypuft.orchestrator.testing.SharedResponder;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.StaypuftTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/** Deployments through the REST API: CRUD, YAML, validation naming the problem, assignment rules, auth. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DeploymentApiTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private static String hostA;
    private static String hostB;
    private static String hostC;

    /** Once per class, but after Quarkus set up RestAssured (not yet done in a static @BeforeAll). */
    @BeforeEach
    void hosts() {
        if (hostA != null) {
            return;
        }
        hostA = Hosts.newId("api-a");
        hostB = Hosts.newId("api-b");
        hostC = Hosts.newId("api-c");
        for (String host : List.of(hostA, hostB, hostC)) {
            Hosts.registered(KAFKA, host);
        }
        Api.awaitHostsKnown(List.of(hostA, hostB, hostC));
    }

    @Test
    void createReadUpdateListDeleteWithDefaultsFilledIn() {
        String name = Specs.unique("crud");
        String id = Api.createDeployment(deployment(name, List.of(
                role("database", List.of(), List.of(), "mode", "serial", "maxHosts", 3),
                role("controller", List.of("database"), List.of(), "puppetRuns", 3,
                        "failureTolerance", Map.of("percent", 10)))));

        Api.as(Api.VIEWER).get("/api/v1/deployments/" + id).then().statusCode(200)
                .body("name", equalTo(name))
                .body("parameters.admin_password", equalTo("secret"))
                .body("roles[0].mode", equalTo("serial"))
                .body("roles[0].maxConcurrent", equalTo(10))
                .body("roles[0].timeouts.provisioningSeconds", equalTo(7200))
                .body("roles[0].timeouts.sshReadySeconds", equalTo(1800))
                .body("roles[1].dependsOn", equalTo(List.of("database")))
                .body("roles[1].puppetRuns", equalTo(3))
                .body("roles[1].failureTolerance.percent", equalTo(10));

        Api.operator().body(deployment(name, List.of(role("database", List.of(), List.of(hostC)),
                role("controller", List.of("database"), null)))).put("/api/v1/deployments/" + id).then()
                .statusCode(200).body("roles[0].hosts", equalTo(List.of(hostC)));
        Api.operator().body(deployment(name, List.of(role("controller", List.of(), null))))
                .put("/api/v1/deployments/" + id).then().statusCode(400).body("errors[0].message",
                        equalTo("role database is removed but host " + hostC + " is assigned to it; unassign it "
                                + "first"));
        Api.operator().body(deployment(name, List.of(role("database", List.of(), List.of(), "maxConcurrent", 4))))
                .put("/api/v1/deployments/" + id).then().statusCode(200)
                .body("roles", hasSize(1)).body("roles[0].maxConcurrent", equalTo(4)).body("roles[0].hosts",
                        hasSize(0));
        Api.as(Api.VIEWER).queryParam("limit", 5000).get("/api/v1/hosts").then()
                .body("find { it.hostId == '" + hostC + "' }.state", equalTo("free"));
        Api.as(Api.VIEWER).get("/api/v1/deployments").then().statusCode(200).body("name", hasItem(name));

        Api.operator().delete("/api/v1/deployments/" + id).then().statusCode(204);
        Api.as(Api.VIEWER).get("/api/v1/deployments/" + id).then().statusCode(404)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void aRoleNamesHowItsHostsAreReachedAndBadValuesAreNamed() {
        String name = Specs.unique("ssh");
        String id = Api.createDeployment(deployment(name, List.of(
                role("database", List.of(), List.of(), "ssh", Map.of("port", 2222, "user", "deploy")),
                role("controller", List.of("database"), List.of()))));

        Api.as(Api.VIEWER).get("/api/v1/deployments/" + id).then().statusCode(200)
                .body("roles[0].ssh.port", equalTo(2222))
                .body("roles[0].ssh.user", equalTo("deploy"))
                .body("roles[1].ssh", equalTo(null));

        var errors = Api.operator().body(deployment(name, List.of(role("database", List.of(), List.of(), "ssh",
                Map.of("port", 70000, "user", "Root; rm")))))
                .put("/api/v1/deployments/" + id).then().statusCode(400).extract().jsonPath()
                .getList("errors", Map.class);
        assertThat(errors).extracting(e -> e.get("field") + ": " + e.get("message")).contains(
                "roles[0].ssh.port: must be between 1 and 65535, got 70000",
                "roles[0].ssh.user: must be a user name (lower case letters, digits, _ and -, starting with a letter "
                        + "or _, at most 32), not 'Root; rm'");
        Api.as(Api.VIEWER).get("/api/v1/deployments/" + id).then().body("roles[0].ssh.port", equalTo(2222));
    }

    @Test
    void cycleIsRefusedNamingItsRolesInOrder() {
        String name = Specs.unique("cycle");
        Api.operator().body(deployment(name, List.of(
                role("database", List.of("network"), List.of()),
                role("controller", List.of("database"), List.of()),
                role("network", List.of("controller"), List.of()),
                role("storage", List.of(), List.of()))))
                .post("/api/v1/deployments").then().statusCode(400)
                .body("errors[0].field", equalTo("roles"))
                .body("errors[0].message",
                        equalTo("dependency cycle: database -> network -> controller -> database (each role "
                                + "depends on the next)"));
        assertNotCreated(name);
    }

    @Test
    void everyProblemOfADefinitionIsNamedAtOnce() {
        String name = Specs.unique("invalid");
        Map<String, Object> spec = deployment(name, List.of(
                role("Database", List.of(), List.of()),
                role("web", List.of("nope"), List.of(), "mode", "parallel", "maxConcurrent", 0, "puppetRuns", 11),
                role("web", List.of(), List.of()),
                role("cache", List.of(), List.of(hostA, hostB), "maxHosts", 1, "minHosts", 2,
                        "failureTolerance", Map.of("count", 1, "percent", 5))));

        var errors = Api.operator().body(spec).post("/api/v1/deployments").then().statusCode(400)
                .body("status", equalTo(400)).extract().jsonPath().getList("errors", Map.class);

        assertThat(errors).extracting(e -> e.get("field") + ": " + e.get("message")).contains(
                "roles[0].name: 'Database' is not a valid name: lower-case letters, digits and dashes, starting "
                        + "with a letter, at most 63 characters (^[a-z][a-z0-9-]{0,62}$)",
                "roles[1].dependsOn: unknown role 'nope'",
                "roles[1].mode: must be concurrent, serial or leader, not 'parallel'",
                "roles[1].maxConcurrent: must be between 1 and 1000, got 0",
                "roles[1].puppetRuns: must be between 1 and 10, got 11",
                "roles[2].name: duplicate role name 'web' (also roles[1])",
                "roles[3].maxHosts: must not be less than minHosts (2), got 1",
                "roles[3].failureTolerance: give either count or percent, not both",
                "roles[3].hosts: too many hosts: role cache takes at most 1, got 2");
        assertNotCreated(name);
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByItsPath() {
        Api.operator().body("{\"name\":\"x\",\"roles\":[{\"name\":\"db\",\"maxHosts\":\"many\"}]}")
                .post("/api/v1/deployments").then().statusCode(400)
                .body("errors[0].field", equalTo("roles[0].maxHosts"))
                .body("errors[0].message", containsString("many"));
        Api.operator().body("{\"name\":\"x\",\"roles\":[{\"name\":\"db\",\"dependson\":[]}]}")
                .post("/api/v1/deployments").then().statusCode(400)
                .body("errors[0].field", equalTo("roles[0].dependson"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("unknown property 'dependson'"));
    }

    @Test
    void assignmentRefusesUnknownHostsHostsOfOtherDeploymentsAndTooManyHosts() {
        String first = Api.createDeployment(deployment(Specs.unique("first"),
                List.of(role("compute", List.of(), List.of(hostA), "maxHosts", 2))));
        String second = Api.createDeployment(deployment(Specs.unique("second"),
                List.of(role("compute", List.of(), List.of(), "maxHosts", 1))));

        Api.operator().post(assignPath(second, "compute", "no-such-host")).then().statusCode(404)
                .body("errors[0].field", equalTo("hostId"))
                .body("errors[0].message", containsString("unknown host no-such-host"));
        Api.operator().post(assignPath(second, "compute", hostA)).then().statusCode(409)
                .body("errors[0].message", containsString("already in deployment first"));
        Api.operator().post(assignPath(second, "nothing", hostB)).then().statusCode(404)
                .body("errors[0].field", equalTo("role"));
        Api.operator().post(assignPath(second, "compute", hostB)).then().statusCode(200)
                .body("state", equalTo("assigned"));
        Api.operator().post(assignPath(second, "compute", hostC)).then().statusCode(409)
                .body("errors[0].message", containsString("too many hosts: role compute takes at most 1"));
        Api.operator().body(deployment("another-" + Specs.unique("x"),
                List.of(role("compute", List.of(), List.of(hostB))))).post("/api/v1/deployments").then()
                .statusCode(400).body("errors[0].field", equalTo("roles[0].hosts"))
                .body("errors[0].message", containsString("is already in deployment second"));

        Api.operator().delete(assignPath(second, "compute", hostB)).then().statusCode(204);
        Api.operator().delete("/api/v1/deployments/" + first).then().statusCode(204);
        Api.operator().delete("/api/v1/deployments/" + second).then().statusCode(204);
        Api.as(Api.VIEWER).get("/api/v1/hosts").then().statusCode(200);
    }

    @Test
    void exportedYamlImportsAsTheSameDeployment() {
        String name = Specs.unique("yaml");
        String id = Api.createDeployment(deployment(name, List.of(
                role("database", List.of(), List.of(), "mode", "leader", "maxConcurrent", 3),
                role("controller", List.of("database"), List.of(), "timeouts", Map.of("sshReadySeconds", 600)))));

        String yaml = Api.as(Api.VIEWER).accept("application/yaml").get("/api/v1/deployments/" + id + "/export")
                .then().statusCode(200).extract().asString();
        assertThat(yaml).contains("name: " + name, "mode: leader", "sshReadySeconds: 600", "dependsOn:");

        String copy = name + "-copy";
        String imported = Api.operatorYaml().body(yaml.replace("name: " + name,
                "name: " + copy)).post("/api/v1/deployments/import").then().statusCode(201)
                .body("name", equalTo(copy)).body("roles[0].mode", equalTo("leader"))
                .body("roles[1].timeouts.sshReadySeconds", equalTo(600)).extract().path("id");
        assertThat(imported).isNotEqualTo(id);

        Api.operatorYaml().body("name: bad\nroles:\n  - name: a\n    colour: red\n")
                .post("/api/v1/deployments/import").then().statusCode(400)
                .body("errors[0].field", equalTo("roles[0].colour"));
    }

    @Test
    void createUpdateAndImportPublishTheConfigurationTheNodeClassifierNeeds() {
        String name = Specs.unique("configured");
        Map<String, String> databaseParameters = Map.of("db_engine", "postgresql", "admin_password", "db-only");
        String id = Api.createDeployment(deployment(name, List.of(
                role("database", List.of(), List.of(), "puppetClasses",
                        List.of("quickstack::db", "quickstack::db::backup"), "parameters", databaseParameters),
                role("controller", List.of("database"), List.of()))));

        EventEnvelope created = configurations(id, 1).get(0);
        assertThat(created.payload()).isEqualTo(new DeploymentConfigured(id, name, Map.of("admin_password", "secret"),
                List.of(new RoleConfiguration("database", List.of("quickstack::db", "quickstack::db::backup"),
                        databaseParameters), new RoleConfiguration("controller", List.of(), Map.of()))));
        assertThat(created.subject()).isEqualTo(id);
        assertThat(created.deploymentId()).isEqualTo(id);

        // A refused update publishes nothing: the next event on the deployment's partition is the accepted one.
        Api.operator().body(deployment(name, List.of(role("database", List.of(), List.of(), "puppetClasses",
                List.of("Quickstack::DB"))))).put("/api/v1/deployments/" + id).then().statusCode(400);
        Api.operator().body(deployment(name, List.of(
                role("database", List.of(), List.of(), "puppetClasses", List.of("quickstack::db")),
                role("controller", List.of("database"), List.of(), "puppetClasses",
                        List.of("quickstack::controller"), "parameters", Map.of("vip", "192.0.2.10")))))
                .put("/api/v1/deployments/" + id).then().statusCode(200)
                .body("roles[1].puppetClasses", equalTo(List.of("quickstack::controller")))
                .body("roles[1].parameters.vip", equalTo("192.0.2.10"));

        List<EventEnvelope> both = configurations(id, 2);
        assertThat(both).hasSize(2);
        assertThat(both.get(1).payload()).isEqualTo(new DeploymentConfigured(id, name,
                Map.of("admin_password", "secret"), List.of(
                        new RoleConfiguration("database", List.of("quickstack::db"), Map.of()),
                        new RoleConfiguration("controller", List.of("quickstack::controller"),
                                Map.of("vip", "192.0.2.10")))));

        String yaml = Api.as(Api.VIEWER).accept("application/yaml").get("/api/v1/deployments/" + id + "/export")
                .then().statusCode(200).extract().asString();
        assertThat(yaml).contains("puppetClasses:", "- quickstack::controller", "vip: 192.0.2.10");
        String copy = name + "-copy";
        String imported = Api.operatorYaml().body(yaml.replace("name: " + name, "name: " + copy))
                .post("/api/v1/deployments/import").then().statusCode(201)
                .body("roles[1].puppetClasses", equalTo(List.of("quickstack::controller"))).extract().path("id");
        DeploymentConfigured updated = (DeploymentConfigured) both.get(1).payload();
        assertThat(configurations(imported, 1).get(0).payload()).isEqualTo(new DeploymentConfigured(imported, copy,
                updated.parameters(), updated.roles()));
    }

    @Test
    void puppetClassesAndParametersAreCheckedAndMustFitInOneEvent() {
        String name = Specs.unique("puppet");
        Map<String, Object> spec = deployment(name, List.of(role("database", List.of(), List.of(),
                "puppetClasses", List.of("Quickstack::DB", "quickstack::db", "quickstack::db"),
                "parameters", Map.of("staypuft_role", "db"))));
        spec.put("parameters", Map.of("bad name", "x"));

        var errors = Api.operator().body(spec).post("/api/v1/deployments").then().statusCode(400).extract()
                .jsonPath().getList("errors", Map.class);

        assertThat(errors).extracting(e -> e.get("field") + ": " + e.get("message")).containsExactlyInAnyOrder(
                "parameters.bad name: not a valid parameter name (^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$)",
                "roles[0].puppetClasses[0]: 'Quickstack::DB' is not a Puppet class name: lower-case letters, "
                        + "digits and _, segments joined by ::, at most 255 characters "
                        + "(^[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*$)",
                "roles[0].puppetClasses[2]: 'quickstack::db' is listed twice",
                "roles[0].parameters.staypuft_role: names starting with staypuft_ are reserved for the values "
                        + "Staypuft sets itself");

        Map<String, String> large = new LinkedHashMap<>();
        for (int i = 0; i < 13; i++) {
            large.put("blob_" + i, "x".repeat(4096));
        }
        spec = deployment(name, List.of(role("database", List.of(), List.of())));
        spec.put("parameters", large);
        Api.operator().body(spec).post("/api/v1/deployments").then().statusCode(400)
                .body("errors[0].field", equalTo("parameters"))
                .body("errors[0].message", containsString("at most 49152: they travel to the host registry in one "
                        + "event"));
        assertNotCreated(name);
    }

    @Test
    void withoutTokenOrWithTheWrongRoleNothingHappens() {
        String name = Specs.unique("auth");
        Map<String, Object> spec = deployment(name, List.of(role("database", List.of(), List.of())));

        RestAssured.given().contentType(ContentType.JSON).body(spec).post("/api/v1/deployments").then()
                .statusCode(401);
        Api.as(Api.VIEWER).body(spec).post("/api/v1/deployments").then().statusCode(403);
        Api.as(StaypuftTokens.token("mallory", "guest")).get("/api/v1/deployments").then().statusCode(403);
        RestAssured.given().get("/api/v1/deployments").then().statusCode(401);
        RestAssured.given().auth().oauth2("not-a-jwt").get("/api/v1/deployments").then().statusCode(401);
        // Issue 12 finding 7: an operator token issued for another service, or for none, is refused here.
        Api.as(StaypuftTokens.forAudiences(java.util.Set.of(org.staypuft.events.ApiRoles.AUDIENCE_LISTENER), "olga",
                "operator")).body(spec).post("/api/v1/deployments").then().statusCode(401);
        Api.as(StaypuftTokens.withoutAudience("olga", "operator")).body(spec).post("/api/v1/deployments").then()
                .statusCode(401);
        assertNotCreated(name);
        Api.as(Api.VIEWER).get("/api/v1/deployments").then().statusCode(200);
    }

    @Test
    void editingOrUnassigningDuringAnActiveRunIsRefusedAndCancelEndsTheRun() {
        PuppetSideResponder responder = SharedResponder.get();
        String host = Hosts.newId("busy");
        Hosts.registered(KAFKA, host);
        Api.awaitHostsKnown(List.of(host));
        responder.script(host, "database").delay = Duration.ofSeconds(2);
        String name = Specs.unique("busy");
        Map<String, Object> spec = deployment(name, List.of(role("database", List.of(), List.of(host))));
        String id = Api.createDeployment(spec);
        String runId = Api.startRun(id);

        Api.operator().body(Map.of()).post("/api/v1/deployments/" + id + "/runs").then().statusCode(409)
                .body("errors[0].message", containsString("still active"));
        Api.operator().body(deployment(name, List.of(role("database", List.of(), List.of(host), "maxHosts", 5))))
                .put("/api/v1/deployments/" + id).then().statusCode(409)
                .body("errors[0].message", containsString("cannot edit the deployment while run " + runId));
        Api.operator().delete(assignPath(id, "database", host)).then().statusCode(409)
                .body("errors[0].message", containsString("cannot unassign hosts while run"));
        Api.operator().delete("/api/v1/deployments/" + id).then().statusCode(409);
        Api.as(Api.VIEWER).get("/api/v1/deployments/" + id).then().body("activeRunId", equalTo(runId))
                .body("roles[0].maxHosts", not(equalTo(5)));

        Api.operator().post("/api/v1/runs/" + runId + "/cancel").then().statusCode(200)
                .body("run.status", equalTo("CANCELLING")).body("run.cancelledBy", equalTo("alice"));
        Api.awaitRun(runId, "CANCELLED", Duration.ofSeconds(30)).body("run.reason", equalTo("cancelled by alice"));
        Api.operator().post("/api/v1/runs/" + runId + "/cancel").then().statusCode(409);
        Api.operator().delete(assignPath(id, "database", host)).then().statusCode(204);
    }

    private static String assignPath(String deploymentId, String role, String host) {
        return "/api/v1/deployments/" + deploymentId + "/roles/" + role + "/hosts/" + host;
    }

    /** The deployment's deployment-configured events, in publication order, once {@code count} are there. */
    private static List<EventEnvelope> configurations(String deploymentId, int count) {
        DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, deploymentId,
                event -> event.payload() instanceof DeploymentConfigured, count);
        return DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, deploymentId).stream()
                .filter(event -> event.payload() instanceof DeploymentConfigured).toList();
    }

    private static void assertNotCreated(String name) {
        Api.as(Api.VIEWER).get("/api/v1/deployments").then().statusCode(200).body("name", not(hasItem(name)));
    }
}
