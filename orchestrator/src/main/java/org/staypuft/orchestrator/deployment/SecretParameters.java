package org.staypuft.orchestrator.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.kit.problem.FieldError;
import org.staypuft.kit.secrets.SealedValueException;
import org.staypuft.kit.secrets.SealedValues;
import org.staypuft.orchestrator.api.DeploymentSpec;

/**
 * Secret parameters as the orchestrator keeps them: sealed as soon as they arrive, so the value is in no table, no
 * event, no answer and no log line; only the host registry's node classifier opens them. An operator who sends back
 * {@link DeploymentSpec#REDACTED} (an exported deployment) keeps the stored value.
 */
@ApplicationScoped
public class SecretParameters {

    @Inject
    SealedValues sealedValues;

    /**
     * @param field where the values are in the request, for problems
     * @param requested the request's secret parameters (plain values or {@link DeploymentSpec#REDACTED})
     * @param stored the sealed values stored so far under this field (empty for a new deployment or role)
     * @return the sealed values to store; problems are added instead when a value cannot be sealed or kept
     */
    Map<String, String> seal(String field, Map<String, String> requested, Map<String, String> stored,
            List<FieldError> problems) {
        if (requested == null || requested.isEmpty()) {
            return Map.of();
        }
        if (!sealedValues.available()) {
            problems.add(new FieldError(field, "secret parameters need the parameter key, which this orchestrator "
                    + "does not have: set staypuft.secrets.key-file"));
            return Map.of();
        }
        Map<String, String> sealed = new LinkedHashMap<>();
        Map<String, String> toSeal = new LinkedHashMap<>();
        requested.forEach((name, value) -> {
            if (!DeploymentSpec.REDACTED.equals(value)) {
                toSeal.put(name, value);
            } else if (stored.containsKey(name)) {
                sealed.put(name, stored.get(name));
            } else {
                problems.add(new FieldError(field + "." + name, DeploymentSpec.REDACTED + " keeps a stored value, "
                        + "and there is none: give the value"));
            }
        });
        try {
            sealed.putAll(sealedValues.seal(toSeal));
        } catch (SealedValueException e) {
            problems.add(new FieldError(field, e.getMessage()));
        }
        return sealed;
    }

    /** What an answer shows of sealed values: their names. */
    static Map<String, String> redacted(Map<String, String> sealed) {
        Map<String, String> names = new LinkedHashMap<>();
        sealed.keySet().forEach(name -> names.put(name, DeploymentSpec.REDACTED));
        return names;
    }
}
