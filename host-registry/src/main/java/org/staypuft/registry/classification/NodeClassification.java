package org.staypuft.registry.classification;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Puppet's External Node Classifier answers for a node.
 *
 * @param classes class name to its parameters (empty for none), in the order they should be listed
 * @param parameters top-scope variables, e.g. {@code $staypuft_role}
 */
public record NodeClassification(String environment, Map<String, Map<String, String>> classes,
        Map<String, String> parameters) {

    /** The document Puppet's exec node terminus expects: environment, classes, parameters. */
    public Map<String, Object> asEncDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("environment", environment);
        document.put("classes", classes);
        document.put("parameters", parameters);
        return document;
    }
}
