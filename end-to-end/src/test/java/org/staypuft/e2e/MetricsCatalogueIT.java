package org.staypuft.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18: every metric the Grafana dashboard and the alert rules use ({@code deploy/monitoring/metrics.txt}, whose
 * use deploy's {@code MonitoringTest} checks offline) is served by its service's {@code /q/metrics} once the system
 * has done some work: a registration, a refused upload, a one-host deployment.
 */
class MetricsCatalogueIT {

    private static final Path CATALOGUE = Path.of("..", "deploy", "monitoring", "metrics.txt");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @ResourceLock(value = DeploymentScenariosIT.STACK, mode = ResourceAccessMode.READ)
    void everyMetricTheDashboardsAndAlertsUseIsServedByItsService() throws Exception {
        Stack stack = Stack.get();
        Operator operator = new Operator(stack);
        SimulatedHost host = stack.addHost("metrics-1", "base", true);
        host.registerAt(URI.create(stack.listener.url()), operator.registrationToken());
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.listener.url() + "/api/v2/discovered_hosts/facts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"facts\":{}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        Deployment deployment = new Deployment("metrics").role("base", List.of(), "quickstack::base", 1, List.of(host));
        operator.awaitKnownToOrchestrator(List.of(host.announcement().hostId()));
        JsonNode run = operator.awaitEnded(operator.deploy(operator.createDeployment(deployment.spec())),
                Duration.ofMinutes(3));
        assertThat(run.path("run").path("status").asText()).isEqualTo("COMPLETED");

        Map<String, ServiceProcess> services = Map.of("discovery-listener", stack.listener, "host-registry",
                stack.registry, "orchestrator", stack.orchestrator, "puppet-runner", stack.runner);
        List<String[]> catalogue = catalogue();
        assertThat(catalogue).isNotEmpty();
        // The orchestrator's run gauges are sampled from its books every few seconds.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String[] entry : catalogue) {
                ServiceProcess service = services.get(entry[0]);
                assertThat(service).as("catalogue service %s", entry[0]).isNotNull();
                assertThat(metricNames(service)).as("%s serves %s", entry[0], entry[1]).contains(entry[1]);
            }
        });
    }

    private static List<String[]> catalogue() throws IOException {
        List<String[]> entries = new ArrayList<>();
        for (String line : Files.readAllLines(CATALOGUE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                entries.add(line.strip().split("\\s+"));
            }
        }
        return entries;
    }

    /** The sample names of the Prometheus text format: what precedes the labels or the value. */
    private static List<String> metricNames(ServiceProcess service) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).distinct().toList();
    }
}
