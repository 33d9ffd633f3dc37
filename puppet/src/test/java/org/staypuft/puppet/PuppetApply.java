package org.staypuft.puppet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Runs Debian's real {@code puppet apply} with this repository's modules and reads what it did. */
final class PuppetApply {

    static final Path MODULES = Path.of("modules").toAbsolutePath();
    /** "/Stage[main]/Puppet_management/Service[puppet]/ensure" -> "Service[puppet]". */
    private static final Pattern RESOURCE_OF_EVENT = Pattern.compile("([A-Z][\\w:]*\\[[^\\]]+\\])/[a-z_]+$");

    record Result(int exitCode, String messages, JsonNode summary, Set<String> changedResources) {

        int changed() {
            return summary.path("resources").path("changed").asInt(-1);
        }

        int failed() {
            return summary.path("resources").path("failed").asInt(-1);
        }
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/puppet"));
    }

    static Result apply(String manifest, boolean noop, Path workDirectory) throws IOException, InterruptedException {
        Path log = workDirectory.resolve("log-" + System.nanoTime() + ".json");
        Path summary = workDirectory.resolve("last_run_summary.yaml");
        List<String> command = new ArrayList<>(List.of("puppet", "apply", "--detailed-exitcodes",
                "--modulepath=" + MODULES, "--logdest", log.toString(), "--lastrunfile", summary.toString(),
                "--lastrunreport", workDirectory.resolve("last_run_report.yaml").toString()));
        if (noop) {
            command.add("--noop");
        }
        command.addAll(List.of("-e", manifest));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("puppet apply did not finish: " + output);
        }
        JsonNode summaryYaml = Files.exists(summary)
                ? new YAMLMapper().readTree(summary.toFile())
                : new ObjectMapper().createObjectNode();
        JsonNode logEntries = readLog(log);
        StringBuilder messages = new StringBuilder(output);
        logEntries.forEach(entry -> messages.append(entry.path("message").asText()).append('\n'));
        return new Result(process.exitValue(), messages.toString(), summaryYaml, changedResources(logEntries));
    }

    private static JsonNode readLog(Path log) throws IOException {
        if (!Files.exists(log)) {
            return new ObjectMapper().createArrayNode();
        }
        // Puppet writes the JSON log as an array it closes on exit.
        String json = Files.readString(log).trim();
        return new ObjectMapper().readTree(json.endsWith("]") ? json : json + "]");
    }

    /** Resources that had change events, from the JSON log (every change is logged with its resource path). */
    private static Set<String> changedResources(JsonNode logEntries) {
        Set<String> resources = new TreeSet<>();
        for (JsonNode entry : logEntries) {
            Matcher matcher = RESOURCE_OF_EVENT.matcher(entry.path("source").asText());
            if (matcher.find() && entry.path("level").asText().equals("notice")) {
                resources.add(matcher.group(1));
            }
        }
        return resources;
    }

    private PuppetApply() {
    }
}
