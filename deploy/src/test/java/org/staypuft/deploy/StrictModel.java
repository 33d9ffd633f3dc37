package org.staypuft.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Parses rendered objects with the Kubernetes model (fabric8; Strimzi's API for its resources), strictly: the models
 * keep fields they do not know in {@code additionalProperties} instead of failing, so a parsed object is walked and
 * any such field anywhere in it is an error naming its path. A misspelt {@code readinessProbe} or a Strimzi field of
 * another API version fails here rather than being dropped by the API server or the operator.
 */
final class StrictModel {

    /** Every kind the overlays may contain, with the apiVersion it must have. */
    static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("Namespace", new Kind("v1", Namespace.class)),
            Map.entry("ConfigMap", new Kind("v1", ConfigMap.class)),
            Map.entry("Secret", new Kind("v1", Secret.class)),
            Map.entry("Service", new Kind("v1", Service.class)),
            Map.entry("ServiceAccount", new Kind("v1", ServiceAccount.class)),
            Map.entry("Deployment", new Kind("apps/v1", Deployment.class)),
            Map.entry("PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class)),
            Map.entry("HorizontalPodAutoscaler", new Kind("autoscaling/v2", HorizontalPodAutoscaler.class)),
            Map.entry("NetworkPolicy", new Kind("networking.k8s.io/v1", NetworkPolicy.class)),
            Map.entry("Kafka", new Kind("kafka.strimzi.io/v1", Kafka.class)),
            Map.entry("KafkaNodePool", new Kind("kafka.strimzi.io/v1", KafkaNodePool.class)),
            Map.entry("KafkaTopic", new Kind("kafka.strimzi.io/v1", KafkaTopic.class)),
            Map.entry("KafkaUser", new Kind("kafka.strimzi.io/v1", KafkaUser.class)),
            // CloudNativePG publishes no Java model: parsed generically, its fields are checked by the tests.
            Map.entry("Cluster", new Kind("postgresql.cnpg.io/v1", GenericKubernetesResource.class)),
            Map.entry("Database", new Kind("postgresql.cnpg.io/v1", GenericKubernetesResource.class)));

    record Kind(String apiVersion, Class<?> modelClass) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private StrictModel() {
    }

    /** The object as its model class; throws AssertionError naming every problem. */
    static Object parse(JsonNode object) {
        String kind = object.path("kind").asText();
        String where = kind + " " + object.path("metadata").path("name").asText();
        Kind known = KINDS.get(kind);
        if (known == null) {
            throw new AssertionError(where + ": a kind the deployment check does not know");
        }
        if (!known.apiVersion().equals(object.path("apiVersion").asText())) {
            throw new AssertionError(where + ": apiVersion " + object.path("apiVersion").asText() + ", expected "
                    + known.apiVersion());
        }
        Object parsed;
        try {
            parsed = JSON.treeToValue(object, known.modelClass());
        } catch (JsonProcessingException e) {
            throw new AssertionError(where + ": does not parse as " + known.modelClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (!(parsed instanceof GenericKubernetesResource)) {
            Set<String> unknown = new java.util.TreeSet<>();
            collectUnknownFields(parsed, "", unknown);
            if (!unknown.isEmpty()) {
                throw new AssertionError(where + ": fields the model does not know: " + unknown);
            }
        }
        return parsed;
    }

    private static void collectUnknownFields(Object value, String path, Set<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                collectUnknownFields(element, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (!isModel(value.getClass())) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object property = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else if (!(property instanceof Map<?, ?>)) {
                // Maps hold free-form values by design (labels, ConfigMap data, Kafka's broker and topic config).
                collectUnknownFields(property, path + "." + propertyName(getter), unknown);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return !type.isEnum() && (name.startsWith("io.fabric8.kubernetes.api.model.")
                || name.startsWith("io.strimzi.api."));
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + getter, e);
        }
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
