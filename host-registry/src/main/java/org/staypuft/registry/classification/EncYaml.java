package org.staypuft.registry.classification;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes a classification as the YAML Puppet's exec node terminus reads (with {@code safe_load}: plain maps and
 * strings only). Strings are always quoted, so a value such as {@code no} or {@code 1.10} stays a string.
 */
public final class EncYaml {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private EncYaml() {
    }

    public static String write(NodeClassification classification) {
        try {
            return YAML.writeValueAsString(classification.asEncDocument());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
