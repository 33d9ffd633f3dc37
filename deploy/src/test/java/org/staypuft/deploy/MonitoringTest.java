package org.staypuft.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, offline: the Grafana dashboard and the alert rules in {@code deploy/monitoring} are well formed and use
 * only the metrics of {@code metrics.txt}, which {@code MetricsCatalogueIT} (end-to-end) finds in the services'
 * {@code /q/metrics}. A renamed metric fails one of the two.
 */
class MonitoringTest {

    private static final Path MONITORING = Path.of("monitoring");
    /** Prometheus metric names as our expressions use them (label names and functions do not match the prefixes). */
    private static final Pattern METRIC = Pattern.compile("\\b((?:staypuft|kafka|http)_[a-z0-9_]+)\\b");

    @Test
    void theDashboardIsAGrafanaDashboardWhosePanelsEachQueryPrometheus() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(MONITORING.resolve("grafana-dashboard-staypuft.json").toFile());

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        assertThat(dashboard.path("panels")).isNotEmpty();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets").forEach(target -> assertThat(target.path("expr").asText())
                    .as(panel.path("title").asText()).isNotBlank());
        }
        assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).contains("datasource",
                "namespace");
    }

    @Test
    void everyAlertHasAnExpressionASeverityAndWordsForTheOperator() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(MONITORING.resolve("prometheus-rules.yaml").toFile());

        assertThat(rules.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rules.path("kind").asText()).isEqualTo("PrometheusRule");
        List<String> alerts = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        rules.path("spec").path("groups").findValues("rules").forEach(list -> list.forEach(all::add));
        for (JsonNode rule : all) {
            alerts.add(rule.path("alert").asText());
            assertThat(rule.path("expr").asText()).as(rule.path("alert").asText()).isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).isNotBlank();
        }
        // The issue's four: a stuck outbox, consumer lag, dead letters, runs waiting on a part.
        assertThat(alerts).contains("StaypuftOutboxStuck", "StaypuftConsumerLag", "StaypuftDeadLetters",
                "StaypuftRunWaitingForAPart");
        JsonNode monitor = new YAMLMapper().readTree(MONITORING.resolve("podmonitor.yaml").toFile());
        assertThat(monitor.path("spec").path("podMetricsEndpoints").findValuesAsText("path")).containsOnly(
                "/q/metrics");
    }

    @Test
    void theDashboardAndTheAlertsUseOnlyCataloguedMetrics() throws IOException {
        Set<String> catalogue = catalogue();
        Set<String> used = new TreeSet<>();
        new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard-staypuft.json").toFile())
                .findValuesAsText("expr").forEach(expr -> used.addAll(metricsIn(expr)));
        new YAMLMapper().readTree(MONITORING.resolve("prometheus-rules.yaml").toFile()).findValuesAsText("expr")
                .forEach(expr -> used.addAll(metricsIn(expr)));

        assertThat(used).isNotEmpty();
        assertThat(catalogue).containsAll(used);
        assertThat(used).as("a catalogued metric nobody uses").containsAll(catalogue);
    }

    /** The catalogue's metric names (second column of {@code metrics.txt}). */
    static Set<String> catalogue() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(MONITORING.resolve("metrics.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.strip().split("\\s+")[1]);
            }
        }
        return names;
    }

    private static Set<String> metricsIn(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
