package org.staypuft.orchestrator.dashboard;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.HeadlessChromium;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.PuppetSideResponder;
import org.staypuft.orchestrator.testing.SharedResponder;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * The dashboard in a real browser (Debian's headless Chromium): loaded during a run with a token in the URL fragment,
 * it follows the run over the event stream as the puppet side answers. Screenshots land in
 * {@code target/dashboard/}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DashboardBrowserTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private static final Path SCREENSHOTS = Path.of("target", "dashboard");
    private static final Duration AT_MOST = Duration.ofSeconds(30);
    /** A deadline of 10 s, then the re-send every few seconds: more than the page needs, under a loaded machine. */
    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(90);

    /** What the page shows, read from its DOM: run status, role and host states, host notes, stream state. */
    private static final String PAGE_STATE = """
            (() => {
              const q = (s) => document.querySelector(s);
              return {
                run: q('#run') && q('#run').dataset.status || null,
                login: !!q('#login') && !q('#login').hidden,
                app: !!q('#app') && !q('#app').hidden,
                message: q('#message') ? q('#message').textContent : null,
                who: q('#who-name') ? q('#who-name').textContent : null,
                deployments: [...document.querySelectorAll('#deployments .name')].map((n) => n.textContent),
                live: q('#live') ? q('#live').textContent : null,
                facts: q('#run-facts') ? q('#run-facts').textContent : null,
                hash: location.hash,
                roles: Object.fromEntries([...document.querySelectorAll('#graph [data-role]')]
                  .map((g) => [g.dataset.role, g.dataset.status])),
                hosts: Object.fromEntries([...document.querySelectorAll('tr[data-host]')]
                  .map((r) => [r.dataset.host, { status: r.dataset.status, phase: r.dataset.phase,
                    note: r.querySelector('.note').textContent, conflict: r.dataset.conflict || null,
                    mark: r.querySelector('.identity-conflict') ? r.querySelector('.identity-conflict').title : null }])),
              };
            })()""";

    private static HeadlessChromium browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.startIfInstalled(1360, 900).orElse(null);
        if (browser == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(HeadlessChromium.BINARY + " is missing: .ci/install-packages installs Debian's chromium");
            }
            assumeTrue(false, HeadlessChromium.BINARY + " is not installed: the browser test is skipped");
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void pageFollowsARunLiveFromTheTokenInTheFragmentToTheFailedHost() throws Exception {
        String db = Hosts.newId("dash-db");
        String app = Hosts.newId("dash-app");
        String broken = Hosts.newId("dash-app");
        String web = Hosts.newId("dash-web");
        String store = Hosts.newId("dash-store");
        PuppetSideResponder responder = SharedResponder.get();
        CompletableFuture<Void> databaseDeploy = new CompletableFuture<>();
        responder.script(db, "database").holdDeploys = databaseDeploy;
        responder.script(app, "app");
        responder.script(broken, "app").failEveryDeployRun = true;
        responder.script(web, "web");
        responder.script(store, "storage");
        List<String> all = List.of(db, app, broken, web, store);
        all.forEach(host -> responder.script(host).delay = Duration.ofMillis(50)); // the page, not puppet, is tested
        all.forEach(host -> Hosts.registered(KAFKA, host));
        Api.awaitHostsKnown(all);
        String deploymentId = Api.createDeployment(deployment(Specs.unique("dash"), List.of(
                role("database", List.of(), List.of(db)),
                role("app", List.of("database"), List.of(app, broken)),
                role("web", List.of("app"), List.of(web)),
                role("storage", List.of(), List.of(store)))));
        String runId = Api.startRun(deploymentId);
        // Issue 12: a refused identity claim for one host (as the registry publishes it) is marked on its row.
        EventEnvelope conflict = EventEnvelope.wrap("/staypuft/host-registry", new HostIdentityConflict(web,
                "discovery-upload", List.of("address"), "discovered", "198.51.100.90", List.of(),
                "an unauthenticated discovery upload may not change the address of a host in a deployment"));
        KAFKA.send(conflict);

        browser.clearPageErrors();
        browser.navigate(base + "dashboard#token=" + Api.VIEWER + "&deployment=" + deploymentId);

        // The database host's deploy run is held: the page shows the run in the middle.
        JsonNode during = awaitPage(page -> "RUNNING".equals(host(page, db).path("status").asText())
                && "DEPLOY".equals(host(page, db).path("phase").asText())
                && "RUNNING".equals(page.path("roles").path("database").asText()));
        assertThat(during.path("run").asText()).isEqualTo("RUNNING");
        assertThat(during.path("roles").path("app").asText()).isEqualTo("WAITING");
        assertThat(during.path("live").asText()).isEqualTo("live");
        assertThat(during.path("hash").asText()).doesNotContain("token").contains(deploymentId).contains(runId);
        JsonNode marked = awaitPage(page -> conflict.id().equals(host(page, web).path("conflict").asText()));
        assertThat(host(marked, web).path("mark").asText()).contains("discovery-upload").contains("address");
        assertThat(host(marked, db).path("conflict").isNull()).isTrue();
        browser.screenshot(SCREENSHOTS.resolve("run-in-progress.png"));

        databaseDeploy.complete(null);

        // Everything from here reaches the page through the event stream.
        JsonNode after = awaitPage(page -> "FAILED".equals(page.path("run").asText())
                && "BLOCKED".equals(page.path("roles").path("web").asText()));
        assertThat(after.path("roles").path("database").asText()).isEqualTo("READY");
        assertThat(after.path("roles").path("app").asText()).isEqualTo("FAILED");
        assertThat(after.path("roles").path("storage").asText()).isEqualTo("READY");
        // Each host as the API has it at the end (the database host waits for the finish phase that never comes).
        JsonPath hosts = Api.runHosts(runId).extract().jsonPath();
        for (String host : all) {
            assertThat(host(after, host).path("status").asText()).as(host)
                    .isEqualTo(hosts.getString("hosts.find { it.hostId == '" + host + "' }.status"));
            assertThat(host(after, host).path("phase").asText()).as(host)
                    .isEqualTo(hosts.getString("hosts.find { it.hostId == '" + host + "' }.phase"));
        }
        assertThat(host(after, db).path("status").asText()).isNotEqualTo("RUNNING");
        assertThat(host(after, broken).path("status").asText()).isEqualTo("FAILED");
        String reason = hosts.getString("hosts.find { it.hostId == '" + broken + "' }.reason");
        assertThat(reason).isNotBlank();
        assertThat(host(after, broken).path("note").asText()).contains(reason);
        browser.screenshot(SCREENSHOTS.resolve("run-failed.png"));

        assertThat(browser.pageErrors()).isEmpty();
    }

    /** Issue 11: a part of Staypuft that does not answer is what the page shows, not a failing host. */
    @Test
    void aRunWaitingForThePuppetRunnerSaysSoAndGoesOnWhenItAnswers() throws Exception {
        String silent = Hosts.newId("dash-wait");
        PuppetSideResponder responder = SharedResponder.get();
        responder.script(silent, "waits").silent = true;
        Hosts.registered(KAFKA, silent);
        Api.awaitHostsKnown(List.of(silent));
        String deploymentId = Api.createDeployment(deployment(Specs.unique("dash-wait"), List.of(
                role("waits", List.of(), List.of(silent), "timeouts", Map.of("puppetRunSeconds", 10)))));
        Api.startRun(deploymentId);
        browser.clearPageErrors();
        browser.navigate(base + "dashboard#token=" + Api.VIEWER + "&deployment=" + deploymentId);

        // The run's deadline (10 s) passes with no answer: the step waits for the runner instead of failing.
        JsonNode waiting = awaitPage(page -> host(page, silent).path("note").asText().contains("waiting for "
                + "puppet-runner"), WAIT_AT_MOST);
        assertThat(host(waiting, silent).path("status").asText()).isEqualTo("RUNNING");
        assertThat(waiting.path("facts").asText()).contains("waiting for").contains("puppet-runner since")
                .contains("(1 host)");
        browser.screenshot(SCREENSHOTS.resolve("run-waiting.png"));

        responder.script(silent).silent = false;
        JsonNode completed = awaitPage(page -> "COMPLETED".equals(page.path("run").asText()), WAIT_AT_MOST);
        assertThat(completed.path("facts").asText()).doesNotContain("waiting for");
        assertThat(host(completed, silent).path("note").asText()).doesNotContain("waiting for");
        assertThat(browser.pageErrors()).isEmpty();
    }

    @Test
    void withoutATokenThePageAsksForOneRefusesABadOneAndOpensWithAPastedOne() {
        String name = Specs.unique("dash-login");
        Api.createDeployment(deployment(name, List.of(role("solo", List.of(), List.of()))));
        browser.navigate(base + "dashboard");
        browser.evaluate("sessionStorage.clear(); location.reload(); true");
        awaitPage(page -> page.path("login").asBoolean());

        paste("not-a-token");
        JsonNode refused = awaitPage(page -> page.path("login").asBoolean()
                && page.path("message").asText().contains("refused"));
        assertThat(refused.path("app").asBoolean()).isFalse();

        paste(Api.VIEWER);
        JsonNode signedIn = awaitPage(page -> page.path("app").asBoolean()
                && page.path("deployments").toString().contains(name));
        assertThat(signedIn.path("login").asBoolean()).isFalse();
        assertThat(signedIn.path("who").asText()).contains("victor").contains("viewer");
        assertThat(browser.evaluate("sessionStorage.length").asInt()).isEqualTo(1);
    }

    private static void paste(String token) {
        browser.evaluate("document.getElementById('token-input').value = " + quoted(token)
                + "; document.getElementById('login-form').requestSubmit(); true");
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void pageAndAssetsArePublicWithStrictHeadersWhileTheDataNeedsAToken() {
        RestAssured.given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", endsWith("/dashboard"));
        RestAssured.get("/dashboard").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Frame-Options", "DENY")
                .body(containsString("dashboard/assets/dashboard.js"));
        RestAssured.get("/dashboard/assets/dashboard.js").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff");
        RestAssured.get("/dashboard/assets/dashboard.css").then().statusCode(200);
        RestAssured.get("/api/v1/deployments").then().statusCode(401);
    }

    private static JsonNode host(JsonNode page, String hostId) {
        return page.path("hosts").path(hostId);
    }

    private static JsonNode awaitPage(Predicate<JsonNode> shown) {
        return awaitPage(shown, AT_MOST);
    }

    private static JsonNode awaitPage(Predicate<JsonNode> shown, Duration atMost) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                last[0] = browser.evaluate(PAGE_STATE);
                return shown.test(last[0]);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the page never showed it; last seen: " + last[0] + ", page errors: "
                    + browser.pageErrors(), e);
        }
        return last[0];
    }
}
