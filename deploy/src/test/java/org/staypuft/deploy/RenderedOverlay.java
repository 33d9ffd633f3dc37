package org.staypuft.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * One overlay as {@code kubectl kustomize} renders it: the objects as YAML trees, in order. Rendered once per overlay
 * and test run. Without kubectl the tests are skipped on a workstation and fail in CI, where it must be present.
 */
record RenderedOverlay(String name, List<JsonNode> objects) {

    static final Path DEPLOY_DIR = Path.of("").toAbsolutePath();
    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static RenderedOverlay of(String overlay) {
        return RENDERED.computeIfAbsent(overlay, RenderedOverlay::render);
    }

    static Stream<String> names() {
        return Stream.of("dev", "production");
    }

    Stream<JsonNode> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText()));
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).filter(object -> name.equals(object.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(this.name + ": no " + kind + " " + name));
    }

    /** The overlay's kustomization.yaml as written (its {@code images:} are the names the manifests must use). */
    JsonNode kustomization() {
        try {
            return YAML.readTree(DEPLOY_DIR.resolve("overlays").resolve(name).resolve("kustomization.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RenderedOverlay render(String overlay) {
        Path kubectl = kubectl();
        Path directory = DEPLOY_DIR.resolve("overlays").resolve(overlay);
        try {
            Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Path errors = Files.createTempFile("kustomize-" + overlay, ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new AssertionError("kubectl kustomize " + directory + " failed (" + exit + "):\n"
                            + Files.readString(errors, StandardCharsets.UTF_8));
                }
                List<JsonNode> objects = new ArrayList<>();
                try (JsonParser parser = YAML.getFactory().createParser(output.toFile());
                        MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
                    while (documents.hasNext()) {
                        JsonNode document = documents.next();
                        if (document != null && !document.isEmpty()) {
                            objects.add(document);
                        }
                    }
                }
                return new RenderedOverlay(overlay, List.copyOf(objects));
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path kubectl() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("kubectl is not on the PATH; CI renders the overlays with it");
            }
            Assumptions.abort("kubectl is not on the PATH: the overlays cannot be rendered here");
        }
        return found.get();
    }
}
