package org.staypuft.orchestrator.rest;

import org.staypuft.kit.problem.ProblemException;
import org.staypuft.kit.rest.StrictJson;
import org.staypuft.orchestrator.api.DeploymentSpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** A deployment definition as YAML, the export and import format (the original Staypuft had one too). */
public final class YamlDeployments {

    public static final String MEDIA_TYPE = "application/yaml";

    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    static {
        // The one input rule of every API (unknown fields, numbers, control characters), YAML scalars read as text.
        StrictJson.apply(MAPPER, true);
    }

    private YamlDeployments() {
    }

    public static String write(DeploymentSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write deployment " + spec.name() + " as YAML", e);
        }
    }

    /** @throws JsonProcessingException mapped to a 400 naming the field */
    public static DeploymentSpec read(String yaml) throws JsonProcessingException {
        if (yaml == null || yaml.isBlank()) {
            throw ProblemException.invalid("body", "a YAML deployment is required");
        }
        return MAPPER.readValue(yaml, DeploymentSpec.class);
    }
}
