package org.staypuft.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.staypuft.events.TopicSpec;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders both overlays and checks what the README promises about them: every object is valid for the Kubernetes
 * model, services run hardened with health probes and resource limits, images come from the overlay's image names,
 * the contract's topics and each service's Kafka permissions match the code, and every pod is covered by
 * disruption budgets, autoscalers and network policies.
 */
class OverlaysTest {

    static Stream<String> overlays() {
        return RenderedOverlay.names();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectParsesWithTheKubernetesModelAndNoUnknownField(String overlay) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : RenderedOverlay.of(overlay).objects()) {
            try {
                StrictModel.parse(object);
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(RenderedOverlay.of(overlay).objects()).hasSizeGreaterThan(40);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceRunsHardenedWithHealthProbesAndResourceLimits(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (ServiceFacts service : ServiceFacts.all()) {
            Deployment deployment = deployment(rendered, service.name());
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service.name()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(service.name()).isFalse();
            assertThat(pod.getContainers()).hasSize(1);
            Container container = pod.getContainers().get(0);

            assertThat(container.getPorts()).as(service.name()).extracting(port -> port.getName() + ":"
                    + port.getContainerPort()).containsExactlyInAnyOrderElementsOf(namedPorts(service));
            assertHttpProbe(container.getLivenessProbe(), "/q/health/live", service.name());
            assertHttpProbe(container.getReadinessProbe(), "/q/health/ready", service.name());
            assertHttpProbe(container.getStartupProbe(), "/q/health/started", service.name());

            assertThat(container.getResources().getRequests()).as(service.name()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(service.name()).containsKeys("cpu", "memory");

            SecurityContext security = container.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).as(service.name()).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(service.name()).isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).as(service.name()).isTrue();
            assertThat(security.getCapabilities().getDrop()).as(service.name()).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).as(service.name()).isNullOrEmpty();
            assertThat(security.getPrivileged()).as(service.name()).isNotEqualTo(Boolean.TRUE);
            assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            String tmpVolume = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(service.name() + ": no writable /tmp"))
                    .getName();
            assertThat(volume(pod, tmpVolume).getEmptyDir()).as(service.name() + " /tmp").isNotNull();

            Service kubernetesService = (Service) StrictModel.parse(rendered.get("Service", service.name()));
            assertThat(kubernetesService.getSpec().getSelector()).as(service.name())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(kubernetesService.getSpec().getSelector());
            assertThat(kubernetesService.getSpec().getPorts()).as(service.name()).extracting(port -> port.getName()
                    + ":" + port.getPort()).containsExactlyInAnyOrderElementsOf(namedPorts(service));
        }
        assertThat(rendered.ofKind("Deployment").map(object -> object.path("metadata").path("name").asText()))
                .containsExactlyInAnyOrderElementsOf(ServiceFacts.NAMES);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyStaypuftSettingInTheConfigMapsIsOneTheServiceDocuments(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (ServiceFacts service : ServiceFacts.all()) {
            Container container = deployment(rendered, service.name()).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            // A misspelt variable is silently ignored by the service: only names it documents are allowed.
            assertThat(environment(rendered, container).keySet().stream().filter(key -> key.startsWith("STAYPUFT_"))
                    .map(ServiceFacts::normalized)).as(service.name())
                    .allSatisfy(setting -> assertThat(service.documentedSettings()).contains(setting));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void imagesComeFromTheOverlaysImageNames(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Map<String, String> images = new HashMap<>();
        for (JsonNode image : rendered.kustomization().path("images")) {
            String name = image.path("newName").asText(image.path("name").asText());
            images.put(image.path("name").asText(), name + ":" + image.path("newTag").asText());
        }
        for (String service : ServiceFacts.NAMES) {
            String expected = images.get("staypuft/" + service);
            assertThat(expected).as(overlay + " kustomization images: staypuft/" + service).isNotNull()
                    .doesNotEndWith(":");
            PodSpec pod = deployment(rendered, service).getSpec().getTemplate().getSpec();
            assertThat(Stream.concat(pod.getContainers().stream(),
                    Objects.requireNonNullElse(pod.getInitContainers(), List.<Container>of()).stream())
                    .map(Container::getImage)).as(service).containsOnly(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicOfTheContractHasAKafkaTopicWithItsPartitionsAndConfigs(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Map<String, KafkaTopic> topics = rendered.ofKind("KafkaTopic").map(object -> (KafkaTopic) StrictModel
                .parse(object)).collect(Collectors.toMap(topic -> topic.getSpec().getTopicName(), topic -> topic));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(TopicSpec.ALL.stream().map(TopicSpec::name)
                .toList());
        int brokers = rendered.ofKind("KafkaNodePool").map(object -> (KafkaNodePool) StrictModel.parse(object))
                .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum();
        for (TopicSpec spec : TopicSpec.ALL) {
            KafkaTopic topic = topics.get(spec.name());
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "staypuft");
            assertThat(topic.getSpec().getPartitions()).as(spec.name()).isEqualTo(spec.partitions());
            Map<String, String> config = new TreeMap<>();
            topic.getSpec().getConfig().forEach((key, value) -> config.put(key, String.valueOf(value)));
            assertThat(config).as(spec.name()).isEqualTo(new TreeMap<>(spec.configs()));
            assertThat(topic.getSpec().getReplicas()).as(spec.name()).isBetween(1, brokers);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceIsAKafkaUserAllowedExactlyItsTopicsAndConsumerGroups(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Kafka kafka = (Kafka) StrictModel.parse(rendered.get("Kafka", "staypuft"));
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().stream()
                .filter(candidate -> candidate.getPort() == 9093).findFirst().orElseThrow();
        assertThat(listener.isTls()).isTrue();
        assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isNotNull();

        for (ServiceFacts service : ServiceFacts.all()) {
            KafkaUser user = (KafkaUser) StrictModel.parse(rendered.get("KafkaUser", service.name()));
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();

            Map<String, Set<AclOperation>> expectedTopics = new TreeMap<>();
            service.consumedTopics().forEach(topic -> expectedTopics.computeIfAbsent(topic, t -> new TreeSet<>())
                    .add(AclOperation.READ));
            service.producedTopics().forEach(topic -> expectedTopics.computeIfAbsent(topic, t -> new TreeSet<>())
                    .add(AclOperation.WRITE));
            expectedTopics.values().forEach(operations -> operations.add(AclOperation.DESCRIBE));
            Map<String, Set<AclOperation>> expectedGroups = new TreeMap<>();
            service.consumerGroups().forEach(group -> expectedGroups.put(group, Set.of(AclOperation.READ)));

            Map<String, Set<AclOperation>> topics = new TreeMap<>();
            Map<String, Set<AclOperation>> groups = new TreeMap<>();
            for (AclRule acl : acls) {
                if (acl.getResource() instanceof AclRuleTopicResource topic) {
                    assertThat(topic.getPatternType()).as(service.name() + " " + topic.getName())
                            .isEqualTo(AclResourcePatternType.LITERAL);
                    topics.computeIfAbsent(topic.getName(), t -> new TreeSet<>()).addAll(acl.getOperations());
                } else if (acl.getResource() instanceof AclRuleGroupResource group) {
                    assertThat(group.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
                    groups.computeIfAbsent(group.getName(), g -> new TreeSet<>()).addAll(acl.getOperations());
                } else {
                    throw new AssertionError(service.name() + ": an ACL on something other than its topics and "
                            + "groups: " + acl.getResource().getType());
                }
            }
            assertThat(topics).as(service.name() + " topic ACLs").isEqualTo(expectedTopics);
            assertThat(groups).as(service.name() + " group ACLs").isEqualTo(expectedGroups);

            Container container = deployment(rendered, service.name()).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            assertThat(secretOf(container, "KAFKA_SASL_JAAS_CONFIG")).as(service.name())
                    .isEqualTo(service.name() + "/sasl.jaas.config");
            assertThat(environment(rendered, container)).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "staypuft-kafka-bootstrap:9093");
        }
        assertThat(rendered.ofKind("KafkaUser").map(object -> object.path("metadata").path("name").asText()))
                .containsExactlyInAnyOrderElementsOf(ServiceFacts.NAMES);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceOwnsADatabaseOfTheCloudNativePgCluster(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        assertThat(rendered.ofKind("Cluster")).hasSize(1);
        JsonNode cluster = rendered.get("Cluster", "staypuft-db");
        int instances = cluster.path("spec").path("instances").asInt();
        assertThat(instances).isEqualTo(overlay.equals("production") ? 3 : 1);
        assertThat(cluster.path("spec").path("storage").path("size").asText()).isNotBlank();
        assertThat(cluster.path("spec").path("enableSuperuserAccess").asBoolean(true)).isFalse();
        Map<String, JsonNode> roles = new HashMap<>();
        cluster.path("spec").path("managed").path("roles").forEach(role -> roles.put(role.path("name").asText(),
                role));

        for (String service : ServiceFacts.NAMES) {
            String database = service.replace('-', '_');
            String secret = "staypuft-db-" + service;
            JsonNode role = roles.get(database);
            assertThat(role).as(service + " role").isNotNull();
            assertThat(role.path("login").asBoolean()).isTrue();
            assertThat(role.path("ensure").asText()).isEqualTo("present");
            assertThat(role.path("superuser").asBoolean(false)).isFalse();
            assertThat(role.path("passwordSecret").path("name").asText()).isEqualTo(secret);

            JsonNode databaseObject = rendered.get("Database", secret);
            assertThat(databaseObject.path("spec").path("name").asText()).isEqualTo(database);
            assertThat(databaseObject.path("spec").path("owner").asText()).isEqualTo(database);
            assertThat(databaseObject.path("spec").path("cluster").path("name").asText()).isEqualTo("staypuft-db");

            Container container = deployment(rendered, service).getSpec().getTemplate().getSpec().getContainers()
                    .get(0);
            assertThat(environment(rendered, container)).containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                    "jdbc:postgresql://staypuft-db-rw:5432/" + database);
            assertThat(secretOf(container, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo(secret + "/username");
            assertThat(secretOf(container, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(secret + "/password");
        }
        assertThat(roles).hasSize(ServiceFacts.NAMES.size());
        assertThat(rendered.ofKind("Database")).hasSize(ServiceFacts.NAMES.size());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasADisruptionBudgetAndTheStatelessOnesAnAutoscaler(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (String service : ServiceFacts.NAMES) {
            Map<String, String> podLabels = deployment(rendered, service).getSpec().getTemplate().getMetadata()
                    .getLabels();
            PodDisruptionBudget budget = (PodDisruptionBudget) StrictModel.parse(rendered.get("PodDisruptionBudget",
                    service));
            assertThat(selects(budget.getSpec().getSelector(), podLabels)).as(service + " budget").isTrue();
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);

            var autoscaler = rendered.find("HorizontalPodAutoscaler", service)
                    .map(object -> (HorizontalPodAutoscaler) StrictModel.parse(object));
            if (ServiceFacts.AUTOSCALED.contains(service)) {
                HorizontalPodAutoscaler hpa = autoscaler.orElseThrow(() -> new AssertionError(service
                        + ": no autoscaler"));
                assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
                assertThat(hpa.getSpec().getMinReplicas()).isBetween(overlay.equals("production") ? 2 : 1,
                        hpa.getSpec().getMaxReplicas());
                // More consumers than partitions would sit idle.
                assertThat(hpa.getSpec().getMaxReplicas()).isLessThanOrEqualTo(6);
            } else {
                assertThat(autoscaler).as(service + " is not autoscaled").isEmpty();
                // Replicas share the work under leases (ADR 0010); production keeps one to take over from another.
                assertThat(deployment(rendered, service).getSpec().getReplicas())
                        .isEqualTo(overlay.equals("production") ? 2 : 1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesDenyByDefaultAndAllowOnlyWhatEachServiceNeeds(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<NetworkPolicy> policies = rendered.ofKind("NetworkPolicy")
                .map(object -> (NetworkPolicy) StrictModel.parse(object)).toList();
        for (ServiceFacts service : ServiceFacts.all()) {
            Map<String, String> podLabels = deployment(rendered, service.name()).getSpec().getTemplate()
                    .getMetadata().getLabels();
            List<NetworkPolicy> selecting = policies.stream()
                    .filter(policy -> selects(policy.getSpec().getPodSelector(), podLabels)).toList();
            assertThat(selecting).as(service.name() + ": a default deny").anySatisfy(policy -> {
                assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
                assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
            });
            assertThat(ingressPorts(selecting)).as(service.name() + " ingress").containsExactlyInAnyOrderElementsOf(
                    service.ports());
            Set<Integer> egress = egressPorts(selecting);
            assertThat(egress).as(service.name() + ": DNS, Kafka, PostgreSQL").contains(53, 9093, 5432);
            if (service.name().equals("puppet-runner")) {
                assertThat(egress).as("SSH and the discovery proxy").containsExactlyInAnyOrder(53, 9093, 5432, 22,
                        8443);
            } else if (service.name().equals(ServiceFacts.WEBHOOK_DISPATCHER)) {
                assertThat(egress).as("webhook receivers").containsExactlyInAnyOrder(53, 9093, 5432, 80, 443);
            } else {
                assertThat(egress).as(service.name()).containsExactlyInAnyOrder(53, 9093, 5432);
            }
        }
        // Receivers are anywhere outside the cluster but never in it (SSRF): the one "anywhere" peer is the
        // dispatcher's, opens HTTP(S) only and excepts link-local (the cloud's metadata endpoint) and cluster ranges.
        List<NetworkPolicyPeer> anywhere = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyEgressRule rule : Objects.requireNonNullElse(policy.getSpec().getEgress(),
                    List.<NetworkPolicyEgressRule>of())) {
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    if (peer.getIpBlock() != null && peer.getIpBlock().getCidr().equals("0.0.0.0/0")) {
                        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).as(policy.getMetadata()
                                .getName()).containsExactly(Map.entry("app.kubernetes.io/name",
                                        ServiceFacts.WEBHOOK_DISPATCHER));
                        assertThat(rule.getPorts()).extracting(port -> port.getPort().getIntVal())
                                .containsExactlyInAnyOrder(80, 443);
                        anywhere.add(peer);
                    }
                }
            }
        }
        assertThat(anywhere).singleElement().satisfies(peer -> assertThat(peer.getIpBlock().getExcept())
                .contains("169.254.0.0/16").hasSizeGreaterThan(1));
        if (overlay.equals("production")) {
            // Issue 12, finding 2: the ENC hands out every parameter; only the puppet server may reach its port.
            NetworkPolicy registry = (NetworkPolicy) StrictModel.parse(rendered.get("NetworkPolicy",
                    "host-registry-ingress"));
            assertThat(registry.getSpec().getIngress()).filteredOn(rule -> rule.getPorts().stream()
                    .anyMatch(port -> port.getPort().getIntVal() == ServiceFacts.REGISTRY_ENC_PORT))
                    .singleElement().satisfies(rule -> {
                        assertThat(rule.getPorts()).hasSize(1);
                        assertThat(rule.getFrom()).extracting(peer -> peer.getIpBlock().getCidr())
                                .containsExactly("198.51.100.10/32");
                    });
            assertThat(policies).filteredOn(policy -> !policy.getMetadata().getName().equals(
                    ServiceFacts.WEBHOOK_DISPATCHER + "-egress")).allSatisfy(policy -> assertThat(policy.toString())
                            .as(policy.getMetadata().getName()).doesNotContain("cidr=0.0.0.0/0"));
        }
    }

    /** "http:8082", and the registry's "enc:8089". */
    private static List<String> namedPorts(ServiceFacts service) {
        List<String> ports = new ArrayList<>(List.of("http:" + service.port()));
        if (service.name().equals("host-registry")) {
            ports.add("enc:" + ServiceFacts.REGISTRY_ENC_PORT);
        }
        return ports;
    }

    private static Set<Integer> ingressPorts(List<NetworkPolicy> policies) {
        return policies.stream().flatMap(policy -> Objects.requireNonNullElse(policy.getSpec().getIngress(),
                List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>of()).stream())
                .flatMap(rule -> {
                    assertThat(rule.getFrom()).as("an ingress rule names its peers").isNotEmpty();
                    return rule.getPorts().stream();
                })
                .map(NetworkPolicyPort::getPort).map(port -> port.getIntVal()).collect(Collectors.toCollection(
                        TreeSet::new));
    }

    private static Set<Integer> egressPorts(List<NetworkPolicy> policies) {
        return policies.stream().flatMap(policy -> Objects.requireNonNullElse(policy.getSpec().getEgress(),
                List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>of()).stream())
                .flatMap(rule -> {
                    assertThat(rule.getTo()).as("an egress rule names its peers").isNotEmpty();
                    return rule.getPorts().stream();
                })
                .map(NetworkPolicyPort::getPort).map(port -> port.getIntVal()).collect(Collectors.toCollection(
                        TreeSet::new));
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions()).as("selectors here use matchLabels only").isNullOrEmpty();
        Map<String, String> wanted = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    private static void assertHttpProbe(Probe probe, String path, String service) {
        assertThat(probe).as(service + " " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(service).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(service).isEqualTo("http");
    }

    private static Deployment deployment(RenderedOverlay rendered, String name) {
        return (Deployment) StrictModel.parse(rendered.get("Deployment", name));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(volume -> volume.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** "secret/key" an environment variable is read from. */
    private static String secretOf(Container container, String variable) {
        EnvVar env = container.getEnv().stream().filter(candidate -> candidate.getName().equals(variable))
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + ": no " + variable));
        var reference = env.getValueFrom().getSecretKeyRef();
        return reference.getName() + "/" + reference.getKey();
    }

    /** The container's plain environment: its ConfigMaps (envFrom), then its own values. */
    private static Map<String, String> environment(RenderedOverlay rendered, Container container) {
        Map<String, String> environment = new HashMap<>();
        for (var source : container.getEnvFrom()) {
            ConfigMap configMap = (ConfigMap) StrictModel.parse(rendered.get("ConfigMap", source.getConfigMapRef()
                    .getName()));
            environment.putAll(configMap.getData());
        }
        container.getEnv().stream().filter(env -> env.getValue() != null)
                .forEach(env -> environment.put(env.getName(), env.getValue()));
        return environment;
    }
}
