package org.staypuft.orchestrator.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;

/**
 * Plays the puppet-runner and the host registry over the real broker: consumes run requests, provisioning requests
 * and configuration changes, and answers each per a scripted behaviour of its host. Like the real runner it acts on a request id once
 * and answers a re-sent request id again with the same result. It records what it received, when, and how many
 * deploy runs of each role were outstanding at once.
 */
public final class PuppetSideResponder implements AutoCloseable {

    private static final String SOURCE = "/staypuft/test-responder";

    /** How one host behaves; change it between runs (e.g. fix a failing host before retry-failed). */
    public static final class Script {

        public final String role;
        public volatile Duration delay = Duration.ofMillis(200);
        /** Deploy run number that reports a failed resource (0: none); only fatal when it is the last one. */
        public volatile int failedResourcesOnRun;
        /** Every deploy run reports a failed resource. */
        public volatile boolean failEveryDeployRun;
        /** Every deploy run ends with this transport outcome instead (UNREACHABLE...). */
        public volatile RunOutcome deployTransportFailure;
        /** What else than Service[puppet] the enable-agent run changes. */
        public volatile List<String> enableAgentDrift = List.of();
        public volatile boolean rebootFails;
        /** The first reboot is answered expired (the runner got to it after its start limit and sent nothing). */
        public volatile boolean expireFirstReboot;
        /** The built callback is published only once this completes (the installer still at work, or held up). */
        public volatile CompletableFuture<Void> holdBuilt = CompletableFuture.completedFuture(null);
        /** Never answer a puppet run (to let its deadline fire). */
        public volatile boolean silent;
        /** The first this many deploy runs cannot get their catalog (the ENC or puppet server is away). */
        public final AtomicInteger catalogUnavailableRuns = new AtomicInteger();
        /** As the registry: never acknowledge an environment/runmode change. */
        public volatile boolean ignoreConfiguration;
        /** Publish every completion twice more: the same event again and a copy with a new event id. */
        public volatile boolean duplicateCompletions;
        /** Deploy runs are answered only once this completes: the run waits there while the test looks. */
        public volatile CompletableFuture<Void> holdDeploys = CompletableFuture.completedFuture(null);
        /** The first this many deploy runs end as the runner reports a run its own crash cut short. */
        public final AtomicInteger interruptedDeployRuns = new AtomicInteger();
        /** The first request of each of these purposes is answered EXPIRED (the runner got to it too late). */
        public final Set<RunPurpose> expireOnce = ConcurrentHashMap.newKeySet();
        public volatile List<SshHostKey> builtKeys = List.of(new SshHostKey("ssh-ed25519", "AAAAbuilt"));

        Script(String role) {
            this.role = role;
        }
    }

    /** A request as the responder received it. */
    public record Received(Instant at, String requestId, String stepId, String hostId, String kind,
            RunPurpose purpose, String environment, int sshReadyTimeoutSeconds, List<SshHostKey> expectedHostKeys,
            boolean duplicate, String notAfter, int sshPort, String sshUser) {

        /** The deploy run number from the step id ({@code .../deploy-2/1}), 0 for other requests. */
        public int deployRun() {
            return runNumber(stepId);
        }
    }

    /** A host-configuration-applied the responder sent, as the registry would, for a configuration change. */
    public record Applied(Instant at, String hostId, String environment, String runmode) {
    }

    /** An answer as sent. */
    public record Answered(Instant at, String requestId, String hostId, RunPurpose purpose, String outcome) {
    }

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Answered> answered = new CopyOnWriteArrayList<>();
    private final List<Applied> applied = new CopyOnWriteArrayList<>();
    private final Map<String, StaypuftEvent> answers = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> ignoredWhileSilent = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxOutstanding = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService answerer = Executors.newScheduledThreadPool(4);
    private final Thread poller;
    private volatile boolean running = true;

    public PuppetSideResponder(String bootstrapServers) {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "test-responder-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.PUPPET_COMMANDS, Topics.HOST_EVENTS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the seek now: requests sent from here on are ours

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());

        poller = new Thread(this::poll, "test-responder");
        poller.setDaemon(true);
        poller.start();
    }

    /** Scripts a host; unscripted hosts are ignored (other tests' hosts share the broker). */
    public Script script(String hostId, String role) {
        return scripts.computeIfAbsent(hostId, id -> new Script(role));
    }

    public Script script(String hostId) {
        return Optional.ofNullable(scripts.get(hostId)).orElseThrow();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String hostId) {
        return received.stream().filter(r -> r.hostId().equals(hostId)).toList();
    }

    /** The requests for this host and purpose, each once (redeliveries left out). */
    public List<Received> received(String hostId, RunPurpose purpose) {
        return received(hostId).stream().filter(r -> r.purpose() == purpose && !r.duplicate()).toList();
    }

    public List<Applied> applied(String hostId) {
        return applied.stream().filter(a -> a.hostId().equals(hostId)).toList();
    }

    public List<Answered> answered() {
        return List.copyOf(answered);
    }

    /** Most deploy runs of a role outstanding at once. */
    public int maxOutstandingDeploys(String role) {
        return Optional.ofNullable(maxOutstanding.get(role)).map(AtomicInteger::get).orElse(0);
    }

    /** Distinct request ids per step id, over the given hosts: each must be 1 when nothing ran twice. */
    public Map<String, Set<String>> requestIdsPerStep(Set<String> hostIds) {
        return received.stream().filter(r -> hostIds.contains(r.hostId()))
                .collect(Collectors.groupingBy(Received::stepId,
                        Collectors.mapping(Received::requestId, Collectors.toSet())));
    }

    public long duplicates(Set<String> hostIds) {
        return received.stream().filter(r -> hostIds.contains(r.hostId()) && r.duplicate()).count();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Optional<EventEnvelope> decoded;
        try {
            decoded = EventCodec.decode(record);
        } catch (RuntimeException e) {
            return;
        }
        if (decoded.isEmpty()) {
            return;
        }
        StaypuftEvent payload = decoded.get().payload();
        if (payload instanceof RequestPuppetRun request && scripts.containsKey(request.hostId())) {
            onPuppetRun(request);
        } else if (payload instanceof ProvisioningRequested request && scripts.containsKey(request.hostId())) {
            onProvisioning(request);
        } else if (payload instanceof HostConfigurationChanged change && scripts.containsKey(change.hostId())
                && !scripts.get(change.hostId()).ignoreConfiguration) {
            String causationId = decoded.get().id();
            answerer.schedule(() -> {
                applied.add(new Applied(Instant.now(), change.hostId(), change.environment(), change.runmode()));
                publish(new HostConfigurationApplied(change.hostId(), change.deploymentId(), change.environment(),
                        change.runmode(), causationId));
            }, 50, TimeUnit.MILLISECONDS);
        }
    }

    private void onPuppetRun(RequestPuppetRun request) {
        Script script = scripts.get(request.hostId());
        boolean duplicate = !seen.add(request.requestId());
        received.add(new Received(Instant.now(), request.requestId(), request.stepId(), request.hostId(),
                "puppet-run", request.purpose(), request.environment(), request.sshReadyTimeoutSeconds(),
                request.expectedHostKeys(), duplicate, request.notAfter(), request.port(), request.sshUser()));
        if (duplicate) {
            StaypuftEvent answer = answers.get(request.requestId());
            if (answer != null) {
                publish(answer); // the runner answers a request id it already ran again, without running it
                return;
            }
            if (script.silent || !ignoredWhileSilent.remove(request.requestId())) {
                return;
            }
            // sent again after the runner was silent (away): it runs it now, as a runner back from an outage would
        } else if (script.silent) {
            ignoredWhileSilent.add(request.requestId());
            return;
        }
        if (script.expireOnce.remove(request.purpose())) {
            // As the runner answers a request it got to after its notAfter: nothing ran, no run-started.
            PuppetRunCompleted expired = new PuppetRunCompleted(request.requestId(), request.deploymentId(),
                    request.runId(), request.stepId(), request.hostId(), request.purpose(), RunOutcome.EXPIRED, null,
                    "EXPIRED: not started by the request's notAfter " + request.notAfter()
                            + "; nothing ran on the host",
                    null, List.of(), List.of(), 0, null, 1);
            answers.put(request.requestId(), expired);
            answered.add(new Answered(Instant.now(), request.requestId(), request.hostId(), request.purpose(),
                    expired.outcome().name()));
            publish(expired);
            return;
        }
        boolean deploy = request.purpose() == RunPurpose.DEPLOY;
        if (deploy) {
            int now = outstanding.computeIfAbsent(script.role, r -> new AtomicInteger()).incrementAndGet();
            maxOutstanding.computeIfAbsent(script.role, r -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        }
        publish(new PuppetRunStarted(request.requestId(), request.deploymentId(), request.runId(), request.stepId(),
                request.hostId(), 1));
        CompletableFuture<Void> gate = deploy ? script.holdDeploys : CompletableFuture.completedFuture(null);
        gate.thenRun(() -> answerer.schedule(() -> {
            PuppetRunCompleted completion = completion(request, script);
            answers.put(request.requestId(), completion);
            if (deploy) {
                outstanding.get(script.role).decrementAndGet();
            }
            answered.add(new Answered(Instant.now(), request.requestId(), request.hostId(), request.purpose(),
                    completion.outcome().name()));
            EventEnvelope envelope = EventEnvelope.wrap(SOURCE, completion);
            producer.send(EventCodec.toRecord(envelope));
            if (script.duplicateCompletions) {
                producer.send(EventCodec.toRecord(envelope));
                publish(completion);
            }
        }, script.delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static PuppetRunCompleted completion(RequestPuppetRun request, Script script) {
        if (script.deployTransportFailure != null && request.purpose() == RunPurpose.DEPLOY) {
            return result(request, script.deployTransportFailure, List.of(), List.of(), "scripted "
                    + script.deployTransportFailure);
        }
        if (request.purpose() == RunPurpose.DEPLOY && script.catalogUnavailableRuns.getAndUpdate(
                left -> Math.max(0, left - 1)) > 0) {
            return new PuppetRunCompleted(request.requestId(), request.deploymentId(), request.runId(),
                    request.stepId(), request.hostId(), request.purpose(), RunOutcome.FAILED, 1,
                    "puppet exited 1: the run failed or was not attempted", null, List.of(), List.of(), 900,
                    "Error: Could not retrieve catalog from remote server: Error 500 on SERVER: Server Error: "
                            + "Failed when searching for node " + request.hostId() + "\n"
                            + "Error: Could not retrieve catalog; skipping run",
                    1);
        }
        if (request.purpose() == RunPurpose.DEPLOY && script.interruptedDeployRuns.getAndUpdate(
                left -> Math.max(0, left - 1)) > 0) {
            return new PuppetRunCompleted(request.requestId(), request.deploymentId(), request.runId(),
                    request.stepId(), request.hostId(), request.purpose(), RunOutcome.FAILED, null,
                    PuppetRunCompleted.INTERRUPTED_REASON_PREFIX + " the runner stopped while puppet was running",
                    null, List.of(), List.of(), 0, "", 1);
        }
        return switch (request.purpose()) {
            case PREPARE -> result(request, RunOutcome.UNCHANGED, List.of(), List.of(), null);
            case DEPLOY -> {
                int run = runNumber(request.stepId());
                if (script.failEveryDeployRun || run == script.failedResourcesOnRun) {
                    yield result(request, RunOutcome.FAILED, List.of("File[/etc/app.conf]"),
                            List.of("Exec[db-sync]"), "resources failed");
                }
                yield result(request, RunOutcome.CHANGED, List.of("File[/etc/app.conf]"), List.of(), null);
            }
            case ENABLE_AGENT -> {
                List<String> changed = new ArrayList<>(List.of("Service[puppet]"));
                changed.addAll(script.enableAgentDrift);
                yield result(request, RunOutcome.CHANGED, changed, List.of(), null);
            }
        };
    }

    private static int runNumber(String stepId) {
        String[] parts = stepId.split("/");
        String label = parts[parts.length - 2];
        return label.startsWith("deploy-") ? Integer.parseInt(label.substring("deploy-".length())) : 0;
    }

    private static PuppetRunCompleted result(RequestPuppetRun request, RunOutcome outcome, List<String> changed,
            List<String> failed, String reason) {
        return new PuppetRunCompleted(request.requestId(), request.deploymentId(), request.runId(), request.stepId(),
                request.hostId(), request.purpose(), outcome, outcome.succeeded() ? (changed.isEmpty() ? 0 : 2) : 4,
                reason, new ResourceCounts(changed.size(), failed.size(), 0, changed.size(), 10), changed, failed,
                150, "", 1);
    }

    private void onProvisioning(ProvisioningRequested request) {
        Script script = scripts.get(request.hostId());
        boolean duplicate = !seen.add(request.stepId());
        received.add(new Received(Instant.now(), request.stepId(), request.stepId(), request.hostId(), "provision",
                null, null, 0, List.of(), duplicate, request.notAfter(), 0, null));
        if (duplicate || script.silent) {
            return;
        }
        if (script.expireFirstReboot) {
            script.expireFirstReboot = false;
            answerer.schedule(() -> publish(new RebootCompleted(request.stepId(), request.deploymentId(),
                    request.runId(), request.stepId(), request.hostId(), false,
                    "EXPIRED: not sent by the request's notAfter " + request.notAfter(), true)),
                    script.delay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        answerer.schedule(() -> {
            RebootCompleted reboot = new RebootCompleted(request.stepId(), request.deploymentId(), request.runId(),
                    request.stepId(), request.hostId(), !script.rebootFails,
                    script.rebootFails ? "proxy answered 500" : null);
            publish(reboot);
            if (!script.rebootFails) {
                script.holdBuilt.thenRun(() -> answerer.schedule(() -> publish(new HostBuilt(request.hostId(),
                        request.deploymentId(), script.builtKeys)), script.delay.toMillis(), TimeUnit.MILLISECONDS));
            }
        }, script.delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publish(StaypuftEvent event) {
        producer.send(EventCodec.toRecord(EventEnvelope.wrap(SOURCE, event)));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        answerer.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
