package org.staypuft.orchestrator.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.Topics;
import org.staypuft.events.host.Disk;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.orchestrator.messaging.Channels;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * Discovery rules (issue 17, ADR 0018) through the real broker and database: hosts announced on the host-events topic
 * are assigned by the first matching rule with room, once each, whatever is redelivered; a re-upload of a host in a
 * run changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DiscoveryRulesTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private static final long GIB = 1024L * 1024L * 1024L;
    private static final long TB = 1_000_000_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EntityManager entityManager;

    @Inject
    DiscoveryRuleService discoveryRules;

    private final List<String> rulesMade = new ArrayList<>();

    /** Rules stay in the shared database otherwise and would take other tests' hosts. */
    @AfterEach
    void deleteRules() {
        rulesMade.forEach(name -> Api.operator().delete("/api/v1/discovery-rules/" + name));
    }

    /**
     * 50 hosts: 5 big (i % 10 == 0), 10 storage (1, 2), 30 compute (3..8), 5 small (9). Controllers take 3 big ones
     * (max 3); storage all 10 (priority over compute, which they match too); compute 20 (max 20) of the 32 left
     * that match it. Every record is published twice (the inbox counts the second copies as duplicates), then ten
     * hosts, five taken and five free, upload facts that would make them controllers: nothing more happens.
     */
    @Test
    void fiftyHostsAreAssignedByThreeRulesToTheRightRolesOnceEachEvenWhenRedelivered() {
        String p = Specs.unique("rules");
        String guard = "hostId.startsWith('" + p + "-h') && ";
        String deploymentName = Specs.unique("fleet");
        Api.createDeployment(deployment(deploymentName, List.of(role("controller", List.of(), List.of()),
                role("storage", List.of(), List.of()), role("compute", List.of("controller"), List.of()))));
        createRule(p + "-controllers", 10, guard + "facts.cpu_count >= 32 && facts.memory_mib >= 131072",
                deploymentName, "controller", 3, p + "-ctrl-${n}");
        createRule(p + "-storage", 20, guard + "facts.disk_count >= 4 && facts.disks.all(d, d.size_bytes >= "
                + TB + ")", deploymentName, "storage", 10, p + "-stor-${n}");
        createRule(p + "-compute", 30, guard + "kind == 'discovered' && facts.cpu_count >= 8 && "
                + "facts.interfaces.exists(i, i.link)", deploymentName, "compute", 20, p + "-compute-${n}");

        List<String> ids = IntStream.range(0, 50).mapToObj(i -> p + "-h" + i).toList();
        List<EventEnvelope> discovered = IntStream.range(0, 50).mapToObj(i -> EventEnvelope.wrap(
                "/staypuft/discovery-listener", new HostDiscovered(ids.get(i), snapshot(ids.get(i), i % 10), "d" + i)))
                .toList();
        double duplicatesBefore = duplicatesSkipped();
        discovered.forEach(KAFKA::send);
        discovered.forEach(KAFKA::send); // redelivered: the same records, the same ids
        await().atMost(WAIT).until(() -> processedByHostView(discovered) == 50 && taken(p) == 33
                && duplicatesSkipped() - duplicatesBefore >= 50);
        // Then facts that would make hosts controllers (the rule is full): five taken hosts, the five small ones.
        Map<String, Host> settled = hosts(p + "-h");
        List<String> reuploaded = new ArrayList<>();
        settled.values().stream().filter(h -> h.role() != null).map(Host::id).sorted().limit(5)
                .forEach(reuploaded::add);
        reuploaded.addAll(kind(ids, 9)); // the small ones: free, and now they would be controllers
        List<EventEnvelope> reuploads = reuploaded.stream().map(id -> EventEnvelope.wrap(
                "/staypuft/discovery-listener", new HostFactsUpdated(id, snapshot(id, 0), "big",
                        List.of("processors"))))
                .toList();
        reuploads.forEach(KAFKA::send);
        await().atMost(WAIT).until(() -> processedByHostView(reuploads) == 10);

        Map<String, Host> hosts = hosts(p + "-h");
        assertThat(hosts).hasSize(50);
        Map<String, List<String>> byRole = hosts.values().stream().filter(h -> h.role() != null)
                .collect(Collectors.groupingBy(h -> h.role(), Collectors.mapping(
                        h -> h.id(), Collectors.toList())));
        Set<String> big = kind(ids, 0);
        Set<String> storage = union(kind(ids, 1), kind(ids, 2));
        Set<String> compute = new HashSet<>();
        IntStream.rangeClosed(3, 8).forEach(k -> compute.addAll(kind(ids, k)));
        assertThat(byRole.get("controller")).hasSize(3).allMatch(big::contains);
        assertThat(byRole.get("storage")).containsExactlyInAnyOrderElementsOf(storage);
        assertThat(byRole.get("compute")).hasSize(20).allMatch(id -> big.contains(id) || compute.contains(id));
        assertThat(hosts.values().stream().filter(h -> h.role() == null)).hasSize(17);
        assertThat(kind(ids, 9)).allMatch(id -> hosts.get(id).role() == null);

        assertThat(givenNames(hosts, "controller")).containsExactlyInAnyOrderElementsOf(names(p + "-ctrl-", 3));
        assertThat(givenNames(hosts, "storage")).containsExactlyInAnyOrderElementsOf(names(p + "-stor-", 10));
        assertThat(givenNames(hosts, "compute")).containsExactlyInAnyOrderElementsOf(names(p + "-compute-", 20));
        hosts.values().stream().filter(h -> h.role() != null).forEach(h -> assertThat(
                h.rule()).isEqualTo(
                        p + "-" + (h.role().equals("controller")
                                ? "controllers"
                                : h.role())));

        // Once each on the topic, through the outbox, naming the rule and the given name.
        await().atMost(WAIT).until(() -> outboxEmpty() && assignedEvents(p + "-h").size() >= 33);
        List<HostAssigned> assigned = assignedEvents(p + "-h");
        assertThat(assigned).hasSize(33);
        assertThat(assigned.stream().map(HostAssigned::hostId).distinct()).hasSize(33);
        assertThat(assigned).allSatisfy(event -> {
            assertThat(event.rule()).isEqualTo(hosts.get(event.hostId()).rule());
            assertThat(event.hostName()).isEqualTo(hosts.get(event.hostId()).givenName());
            assertThat(event.deploymentName()).isEqualTo(deploymentName);
        });
        Api.as(Api.VIEWER).get("/api/v1/discovery-rules/" + p + "-compute").then().statusCode(200)
                .body("taken", equalTo(20)).body("maxCount", equalTo(20)).body("deployment", equalTo(deploymentName));

        // A full rule would take nothing more; a new, disabled one shows what it would take and takes nothing.
        Api.as(Api.VIEWER).post("/api/v1/discovery-rules/" + p + "-compute/test").then().statusCode(200)
                .body("room", equalTo(0)).body("matched", equalTo(17)).body("wouldTake.size()", equalTo(0));
        Map<String, Object> spare = rule(p + "-spare", 40, guard + "facts.cpu_count >= 8", deploymentName,
                "compute", 5, p + "-spare-${n}");
        spare.put("enabled", false);
        Api.operator().body(spare).post("/api/v1/discovery-rules").then().statusCode(201)
                .body("enabled", equalTo(false));
        rulesMade.add(p + "-spare");
        JsonPath trial = Api.as(Api.VIEWER).post("/api/v1/discovery-rules/" + p + "-spare/test").then()
                .statusCode(200).extract().jsonPath();
        assertThat(trial.getInt("room")).isEqualTo(5);
        assertThat(trial.getInt("matched")).isEqualTo(17);
        assertThat(trial.getList("wouldTake.hostName", String.class)).containsExactlyElementsOf(names(p + "-spare-",
                5));
        assertThat(trial.getList("wouldTake.hostId", String.class))
                .allMatch(id -> hosts.get(id).role() == null);
        assertThat(hosts(p + "-h").values().stream().filter(h -> h.role() != null)).hasSize(33);
    }

    /**
     * foreman-discovery-image #114: a host being provisioned boots the discovery image again and re-uploads its facts.
     * Its assignment, its run's step and the rules stay as they were, even when the new facts match a rule of higher
     * priority.
     */
    @Test
    void aReuploadOfAHostBeingProvisionedChangesNothingAndTriggersNoRule() {
        String p = Specs.unique("churn");
        String guard = "hostId.startsWith('" + p + "-h') && ";
        String id = p + "-h1";
        String deploymentName = Specs.unique("churn");
        String deploymentId = Api.createDeployment(deployment(deploymentName, List.of(role("compute", List.of(),
                List.of()), role("big", List.of(), List.of()))));
        createRule(p + "-compute", 20, guard + "facts.cpu_count >= 8", deploymentName, "compute", null,
                p + "-node-${n}");
        createRule(p + "-big", 10, guard + "facts.cpu_count >= 64", deploymentName, "big", null, null);
        KAFKA.send(EventEnvelope.wrap("/staypuft/discovery-listener", new HostDiscovered(id, snapshot(id, 3), "d")));
        await().atMost(WAIT).until(() -> hosts(id).containsKey(id) && "compute".equals(hosts(id).get(id).role()));

        String runId = Api.startRun(deploymentId);
        await().atMost(WAIT).until(() -> "RUNNING".equals(Api.runHosts(runId).extract().path("hosts[0].status")));
        Api.runHosts(runId).body("hosts[0].route", equalTo("PROVISION")).body("hosts[0].phase", equalTo("PREPARE"));
        Map<String, Object> stepBefore = Api.runHosts(runId).extract().path("hosts[0]");

        List<EventEnvelope> reuploads = List.of(
                EventEnvelope.wrap("/staypuft/discovery-listener", new HostDiscovered(id, snapshot(id, 0), "again")),
                EventEnvelope.wrap("/staypuft/discovery-listener", new HostFactsUpdated(id, snapshot(id, 0), "more",
                        List.of("processors"))));
        reuploads.forEach(KAFKA::send);
        await().atMost(WAIT).until(() -> processedByHostView(reuploads) == 2);

        Host host = hosts(id).get(id);
        assertThat(host.role()).isEqualTo("compute");
        assertThat(host.rule()).isEqualTo(p + "-compute");
        assertThat(host.givenName()).isEqualTo(p + "-node-1");
        Map<String, Object> stepAfter = Api.runHosts(runId).extract().path("hosts[0]");
        assertThat(stepAfter).extracting("phase", "status", "attempt", "route").containsExactly(stepBefore.get(
                "phase"), stepBefore.get("status"), stepBefore.get("attempt"), stepBefore.get("route"));
        Api.as(Api.VIEWER).get("/api/v1/discovery-rules/" + p + "-big").then().statusCode(200)
                .body("taken", equalTo(0));
        Api.as(Api.VIEWER).post("/api/v1/discovery-rules/" + p + "-big/test").then().statusCode(200)
                .body("matched", equalTo(0));
        await().atMost(WAIT).until(this::outboxEmpty);
        assertThat(assignedEvents(id)).hasSize(1);

        Api.operator().post("/api/v1/runs/" + runId + "/cancel").then().statusCode(200);
    }

    /**
     * Two replicas evaluate at the same time: here eight transactions at once, as the consumers of several replicas
     * would for hosts on different partitions, and two more for one host, as during a rebalance. The rule's count and
     * the one take per host hold; every name is given once.
     */
    @Test
    void concurrentEvaluationsKeepTheCountAndTakeAHostOnce() throws Exception {
        String p = Specs.unique("race");
        String deploymentName = Specs.unique("race");
        Api.createDeployment(deployment(deploymentName, List.of(role("compute", List.of(), List.of()))));
        List<String> ids = IntStream.range(0, 8).mapToObj(i -> p + "-h" + i).toList();
        List<EventEnvelope> announced = ids.stream().map(id -> EventEnvelope.wrap("/staypuft/discovery-listener",
                new HostDiscovered(id, snapshot(id, 3), "d"))).toList();
        announced.forEach(KAFKA::send); // no rule yet: they stay free
        await().atMost(WAIT).until(() -> processedByHostView(announced) == 8);
        createRule(p + "-compute", 10, "hostId.startsWith('" + p + "-h') && facts.cpu_count >= 8", deploymentName,
                "compute", 3, p + "-n${n}");

        List<String> evaluated = new ArrayList<>(ids);
        evaluated.add(ids.get(0)); // the same host twice more, in parallel
        evaluated.add(ids.get(0));
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(evaluated
                .size());
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (String id : evaluated) {
                results.add(pool.submit(() -> {
                    start.await();
                    return QuarkusTransaction.requiringNew().call(() -> discoveryRules.hostDescribed(id)
                            .isPresent());
                }));
            }
            start.countDown();
            long assignedNow = 0;
            for (java.util.concurrent.Future<Boolean> result : results) {
                assignedNow += result.get(60, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(assignedNow).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Host> hosts = hosts(p + "-h");
        assertThat(hosts.values().stream().filter(h -> "compute".equals(h.role()))).hasSize(3);
        assertThat(givenNames(hosts, "compute")).containsExactlyInAnyOrderElementsOf(names(p + "-n", 3));
        Api.as(Api.VIEWER).get("/api/v1/discovery-rules/" + p + "-compute").then().statusCode(200)
                .body("taken", equalTo(3));
        await().atMost(WAIT).until(this::outboxEmpty);
        assertThat(assignedEvents(p + "-h")).hasSize(3);
    }

    @Test
    void rulesAreCheckedFieldByFieldAndOnlyOperatorsChangeThem() {
        String p = Specs.unique("api");
        String deploymentName = Specs.unique("ruled");
        Api.createDeployment(deployment(deploymentName, List.of(role("compute", List.of(), List.of()))));

        Api.operator().body(rule(p + "-bad", 1, "facts.cpu_count >= ", deploymentName, "compute", null, null))
                .post("/api/v1/discovery-rules").then().statusCode(400).body("field", equalTo("expression"))
                .body("detail", containsString("mismatched input"));
        Api.operator().body(rule(p + "-int", 1, "facts.cpu_count + 1", deploymentName, "compute", null, null))
                .post("/api/v1/discovery-rules").then().statusCode(400).body("field", equalTo("expression"))
                .body("detail", containsString("expected type 'bool'"));
        Api.operator().body(rule(p + "-nodep", 1, "true", "no-such-deployment", "compute", 0, "node-${n}-${n}"))
                .post("/api/v1/discovery-rules").then().statusCode(400)
                .body("errors.field", hasItem("deployment")).body("errors.field", hasItem("maxCount"))
                .body("errors.field", hasItem("hostnamePattern"));
        Api.operator().body(rule(p + "-norole", 1, "true", deploymentName, "storage", null, null))
                .post("/api/v1/discovery-rules").then().statusCode(400).body("field", equalTo("role"));
        Map<String, Object> good = rule(p + "-good", 5, "kind == 'registered'", deploymentName, "compute", 2,
                p + "-c${n}");
        Api.as(Api.VIEWER).body(good).post("/api/v1/discovery-rules").then().statusCode(403);
        assertThat(Api.as(Api.VIEWER).get("/api/v1/discovery-rules").then().statusCode(200).extract().jsonPath()
                .getList("name", String.class)).doesNotContain(p + "-good", p + "-bad", p + "-nodep");

        createRule(p + "-good", 5, "kind == 'registered'", deploymentName, "compute", 2, p + "-c${n}");
        Api.operator().body(good).post("/api/v1/discovery-rules").then().statusCode(409).body("field",
                equalTo("name"));
        Api.operator().post("/api/v1/discovery-rules/" + p + "-good/disable").then().statusCode(200)
                .body("enabled", equalTo(false));
        good.put("priority", 7);
        good.remove("enabled");
        Api.operator().body(good).put("/api/v1/discovery-rules/" + p + "-good").then().statusCode(200)
                .body("priority", equalTo(7)).body("enabled", equalTo(true));
        Api.as(Api.VIEWER).post("/api/v1/discovery-rules/" + p + "-good/enable").then().statusCode(403);
        Api.operator().delete("/api/v1/discovery-rules/" + p + "-good").then().statusCode(204);
        Api.as(Api.VIEWER).get("/api/v1/discovery-rules/" + p + "-good").then().statusCode(404).body("field",
                equalTo("name"));
    }

    // ---

    private void createRule(String name, int priority, String expression, String deployment, String role,
            Integer maxCount, String pattern) {
        Api.operator().body(rule(name, priority, expression, deployment, role, maxCount, pattern))
                .post("/api/v1/discovery-rules").then().statusCode(201).body("name", equalTo(name));
        rulesMade.add(name);
    }

    private static Map<String, Object> rule(String name, int priority, String expression, String deployment,
            String role, Integer maxCount, String pattern) {
        Map<String, Object> rule = new java.util.LinkedHashMap<>();
        rule.put("name", name);
        rule.put("priority", priority);
        rule.put("expression", expression);
        rule.put("deployment", deployment);
        rule.put("role", role);
        if (maxCount != null) {
            rule.put("maxCount", maxCount);
        }
        if (pattern != null) {
            rule.put("hostnamePattern", pattern);
        }
        return rule;
    }

    /**
     * Facts by kind: 0 big (64 CPUs, 256 GiB, 2 disks), 1-2 storage (16 CPUs, 6 disks of 2 TB), 3-8 compute (16
     * CPUs, 64 GiB, 2 small disks), 9 small (2 CPUs).
     */
    private static HostSnapshot snapshot(String id, int kind) {
        int cpus = kind == 0 ? 64 : kind == 9 ? 2 : 16;
        long memory = (kind == 0 ? 256 : kind == 9 ? 4 : 64) * GIB;
        List<Disk> disks = kind == 1 || kind == 2
                ? IntStream.range(0, 6).mapToObj(d -> new Disk("sd" + (char) ('a' + d), 2 * TB)).toList()
                : List.of(new Disk("sda", 500 * GIB), new Disk("sdb", 500 * GIB));
        int octet = Math.abs(id.hashCode() % 250) + 1;
        String mac = "52:54:00:00:01:" + String.format("%02x", octet);
        return new HostSnapshot(id + ".example.com", mac, "192.0.2." + octet, null,
                List.of(new NetworkInterface("eth0", mac, "192.0.2." + octet, "255.255.255.0", null, null, true)),
                new Hardware(cpus, memory, "Dell Inc.", "PowerEdge R650", disks.size(), disks),
                Hosts.DISCOVERY_KEYS, "3.8.0");
    }

    private static Set<String> kind(List<String> ids, int kind) {
        return IntStream.range(0, ids.size()).filter(i -> i % 10 == kind).mapToObj(ids::get)
                .collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> prefix + n).toList();
    }

    private static List<String> givenNames(Map<String, Host> hosts, String role) {
        return hosts.values().stream().filter(h -> role.equals(h.role()))
                .map(h -> h.givenName()).toList();
    }

    /** The hosts whose id starts with the prefix, as the hosts API shows them, by id (plain maps: fast to read). */
    private static Map<String, Host> hosts(String prefix) {
        List<Map<String, Object>> list = Api.as(Api.VIEWER).queryParam("limit", 5000).get("/api/v1/hosts").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return list.stream().filter(h -> ((String) h.get("hostId")).startsWith(prefix)).map(Host::new)
                .collect(Collectors.toMap(Host::id, Function.identity()));
    }

    /** A host of the hosts API. */
    private record Host(Map<String, Object> json) {

        String id() {
            return (String) json.get("hostId");
        }

        String role() {
            return (String) json.get("role");
        }

        String rule() {
            return (String) json.get("rule");
        }

        String givenName() {
            return (String) json.get("givenName");
        }
    }

    /** Every host.assigned of the hosts on the topic up to its end now. */
    private static List<HostAssigned> assignedEvents(String hostIdPrefix) {
        List<ConsumerRecord<String, byte[]>> records = KAFKA.readAll(Topics.HOST_EVENTS).stream()
                .filter(record -> record.key().startsWith(hostIdPrefix)
                        && KafkaTestClient.ofType(EventType.HOST_ASSIGNED.type()).test(record))
                .toList();
        return records.stream().map(record -> EventCodec.decode(record).orElseThrow().payloadAs(HostAssigned.class))
                .toList();
    }

    /** Everything committed was published: what the topic holds is all there will be. */
    private boolean outboxEmpty() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_event").getSingleResult()).longValue() == 0);
    }

    /** Hosts the rules of the prefix took, as the rules API counts them. */
    private static int taken(String rulePrefix) {
        List<Map<String, Object>> rules = Api.as(Api.VIEWER).get("/api/v1/discovery-rules").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return rules.stream().filter(rule -> ((String) rule.get("name")).startsWith(rulePrefix + "-"))
                .mapToInt(rule -> (Integer) rule.get("taken")).sum();
    }

    /** Events the host view's inbox skipped as already processed, from the service's metrics. */
    private static double duplicatesSkipped() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("staypuft_inbox_events_total{")
                        && line.contains("consumer=\"" + Channels.HOST_VIEW_CONSUMER + "\"")
                        && line.contains("outcome=\"duplicate\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private long processedByHostView(List<EventEnvelope> events) {
        List<String> ids = events.stream().map(EventEnvelope::id).distinct().toList();
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE consumer = :consumer AND event_id IN (:ids)")
                .setParameter("consumer", Channels.HOST_VIEW_CONSUMER).setParameter("ids", ids).getSingleResult())
                .longValue());
    }
}
