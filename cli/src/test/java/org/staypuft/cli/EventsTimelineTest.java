package org.staypuft.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code staypuft events timeline} against a real broker, on events published with the contract's codec: the
 * deployment's story across topics, in time order, with its hosts' events from before they were assigned, and
 * nothing of other deployments.
 */
class EventsTimelineTest {

    private static String bootstrap;
    private static DeploymentStory story;

    @TempDir
    Path directory;

    @BeforeAll
    static void publishStory() {
        bootstrap = KafkaTestResource.startBroker();
        story = new DeploymentStory().publish(new KafkaTestClient(bootstrap));
    }

    @Test
    void jsonListsTheDeploymentsEventsAcrossTopicsInTimeOrder() throws Exception {
        CliRun.Result result = new CliRun(directory).run("events", "timeline", "--deployment", story.name,
                "--bootstrap-servers", bootstrap, "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode timeline = Output.JSON.readTree(result.out());
        assertThat(ids(timeline)).containsExactlyElementsOf(story.idsOf(story.ofDeployment));
        assertThat(timeline.path("deploymentIds").get(0).asText()).isEqualTo(story.deploymentId);
        assertThat(timeline.path("hosts")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(story.database, story.compute);
        JsonNode failedRun = timeline.path("events").get(story.ofDeployment.indexOf(story.failedPuppetRun));
        assertThat(failedRun.path("type").asText()).isEqualTo("org.staypuft.puppet.run-completed.v1");
        assertThat(failedRun.path("topic").asText()).isEqualTo("staypuft.puppet-results.v1");
        assertThat(failedRun.path("host").asText()).isEqualTo(story.compute);
        assertThat(failedRun.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(failedRun.path("reason").asText()).isEqualTo("Could not find class role::compute");
        assertThat(failedRun.path("payload").path("exitCode").asInt()).isEqualTo(6);
    }

    @Test
    void textShowsTimeTypeHostRoleOutcomeAndReasonPerLine() {
        CliRun.Result result = new CliRun(directory).run("events", "timeline", "--deployment", story.name,
                "--bootstrap-servers", bootstrap);

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Deployment " + story.name + " (" + story.deploymentId + ")")
                .contains(story.ofDeployment.size() + " events, 2 hosts");
        assertThat(lines.get(1)).matches("TIME +TYPE +HOST +ROLE +OUTCOME +REASON");
        assertThat(lines).hasSize(2 + story.ofDeployment.size());
        assertThat(lines.get(2)).contains("host.registered", story.database)
                .startsWith(story.ofDeployment.get(0).time().toInstant().toString());
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("deployment.host-failed", story.compute,
                "compute", "failed in deploy", "Could not find class role::compute"));
        assertThat(lines.get(lines.size() - 1)).contains("deployment.completed", "completed (1 deployed)");
        assertThat(result.out()).doesNotContain(story.stranger);
    }

    @Test
    void aRunIsItsOwnEventsAndTheHostChangesWhileItRan() throws Exception {
        CliRun.Result result = new CliRun(directory).run("events", "timeline", "--deployment", story.name, "--run",
                story.firstRun, "--bootstrap-servers", bootstrap, "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(ids(Output.JSON.readTree(result.out())))
                .containsExactlyElementsOf(story.idsOf(story.ofRun(story.firstRun)))
                .doesNotContainAnyElementsOf(story.idsOf(story.ofRun(story.secondRun)));
    }

    @Test
    void theDeploymentIdWorksLikeItsNameAndTheBrokerMayComeFromTheEnvironment() throws Exception {
        CliRun.Result result = new CliRun(directory).variable("STAYPUFT_KAFKA_BOOTSTRAP_SERVERS", bootstrap)
                .run("events", "timeline", "--deployment", story.deploymentId, "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(ids(Output.JSON.readTree(result.out()))).containsExactlyElementsOf(
                story.idsOf(story.ofDeployment));
    }

    @Test
    void anUnknownDeploymentOrRunIsAnErrorNamingIt() {
        CliRun.Result deployment = new CliRun(directory).run("events", "timeline", "--deployment", "no-such-thing",
                "--bootstrap-servers", bootstrap);
        CliRun.Result run = new CliRun(directory).run("events", "timeline", "--deployment", story.name, "--run",
                "no-such-run", "--bootstrap-servers", bootstrap);

        assertThat(deployment.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(deployment.err()).contains("no-such-thing", bootstrap);
        assertThat(run.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(run.err()).contains("no-such-run");
    }

    private static List<String> ids(JsonNode timeline) {
        List<String> ids = new ArrayList<>();
        timeline.path("events").forEach(event -> ids.add(event.path("id").asText()));
        return ids;
    }
}
