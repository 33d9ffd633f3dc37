package org.staypuft.simulator.enc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.staypuft.simulator.puppet.ClassificationFailedException;
import org.staypuft.simulator.puppet.NodeClassification;
import org.staypuft.simulator.puppet.NodeClassifier;
import org.staypuft.simulator.puppet.Runmode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The registry's External Node Classifier, {@code GET <enc>/api/v1/enc/<certname>} with the shared secret, read as
 * the puppet server's exec terminus reads it. The simulator has no puppet server: each simulated run asks the ENC itself, which is what
 * the real server does for every catalog request.
 */
public final class EncClient implements NodeClassifier {

    public static final String ENC_PATH = "/api/v1/enc/";
    /** The class that carries the runmode (puppet/modules/puppet_management). */
    public static final String MANAGEMENT_CLASS = "puppet_management";
    /** As the staypuft-enc script's default $STAYPUFT_ENC_TIMEOUT. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final HttpClient http;
    private final EncAccess enc;

    public EncClient(HttpClient http, EncAccess enc) {
        this.http = http;
        this.enc = enc;
    }

    @Override
    public NodeClassification classify(String certname) {
        String base = enc.url().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + ENC_PATH + URLEncoder.encode(certname, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "text/yaml")
                    .header("Authorization", "Bearer " + enc.secret()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ClassificationFailedException("registry unreachable at " + uri + ": " + e, 3, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClassificationFailedException("interrupted while calling " + uri, 3, e);
        }
        if (response.statusCode() != 200) {
            throw new ClassificationFailedException("the ENC answered " + response.statusCode() + ": "
                    + response.body().strip(), 1, null);
        }
        return parse(response.body());
    }

    /** Reads ENC YAML: {@code environment}, {@code classes} (a map or a list), {@code parameters} ignored. */
    public static NodeClassification parse(String yaml) {
        JsonNode document;
        try {
            document = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ClassificationFailedException("the ENC answered YAML that does not parse: " + e.getMessage(), 1,
                    e);
        }
        if (document == null || !document.isObject()) {
            throw new ClassificationFailedException("the ENC answered no YAML mapping", 1, null);
        }
        String environment = document.path("environment").asText("production");
        JsonNode classes = document.path("classes");
        List<String> roleClasses = new ArrayList<>();
        Runmode runmode = Runmode.NONE;
        if (classes.isObject()) {
            for (Map.Entry<String, JsonNode> entry : classes.properties()) {
                if (entry.getKey().equals(MANAGEMENT_CLASS)) {
                    runmode = runmode(entry.getValue().path("runmode").asText("none"));
                } else {
                    roleClasses.add(entry.getKey());
                }
            }
        } else if (classes.isArray()) {
            classes.forEach(name -> {
                if (!name.asText().equals(MANAGEMENT_CLASS)) {
                    roleClasses.add(name.asText());
                }
            });
        }
        return new NodeClassification(environment, runmode, roleClasses);
    }

    private static Runmode runmode(String value) {
        try {
            return Runmode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // The real class would fail compilation on a value outside its Enum['none', 'service'].
            throw new ClassificationFailedException("puppet_management: runmode '" + value
                    + "' is not one of none, service", 1, e);
        }
    }
}
