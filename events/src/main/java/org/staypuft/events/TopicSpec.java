package org.staypuft.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * How each topic of the contract is created: partitions and the configs that make replay work. Event topics keep
 * everything (retention -1) so read models can be rebuilt from them; the facts topic is compacted to the latest
 * facts per host. The Kubernetes KafkaTopics, the local stack and the test broker all create topics from this.
 * Dead-letter topics are not part of the event contract (they hold whatever a service could not read) but are
 * created the same way, one per service, sized for the largest record a service can receive.
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    /** Large enough for a 1 MiB facts upload plus headers. */
    public static final String MAX_MESSAGE_BYTES = String.valueOf(2 * 1024 * 1024);

    public static final List<TopicSpec> CONTRACT = List.of(
            new TopicSpec(Topics.HOST_EVENTS, 6, Map.of("cleanup.policy", "delete", "retention.ms", "-1")),
            new TopicSpec(Topics.HOST_FACTS, 6, Map.of("cleanup.policy", "compact",
                    "max.message.bytes", MAX_MESSAGE_BYTES)),
            new TopicSpec(Topics.PUPPET_COMMANDS, 6, Map.of("cleanup.policy", "delete", "retention.ms", "-1")),
            new TopicSpec(Topics.PUPPET_RESULTS, 6, Map.of("cleanup.policy", "delete", "retention.ms", "-1")),
            new TopicSpec(Topics.DEPLOYMENT_EVENTS, 6, Map.of("cleanup.policy", "delete", "retention.ms", "-1")));

    /** Services whose consumers dead-letter poison records, one topic each ({@link Topics#deadLetterTopic}). */
    public static final List<String> DEAD_LETTER_OWNERS = List.of("discovery-listener", "host-registry", "orchestrator",
            "puppet-runner", "webhook-dispatcher");

    /** Kept 14 days: long enough to look at and replay a poison record, not forever. */
    public static final List<TopicSpec> DEAD_LETTERS = DEAD_LETTER_OWNERS.stream()
            .map(owner -> new TopicSpec(Topics.deadLetterTopic(owner), 1, Map.of("cleanup.policy", "delete",
                    "retention.ms", String.valueOf(14L * 24 * 60 * 60 * 1000), "max.message.bytes", MAX_MESSAGE_BYTES)))
            .toList();

    /** Every topic a Staypuft installation needs. */
    public static final List<TopicSpec> ALL = Stream.concat(CONTRACT.stream(), DEAD_LETTERS.stream())
            .toList();

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public static void createMissing(Admin admin, List<TopicSpec> topics, short replicationFactor)
            throws InterruptedException {
        for (TopicSpec topic : topics) {
            NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), replicationFactor)
                    .configs(topic.configs());
            try {
                admin.createTopics(List.of(newTopic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + topic.name(), e.getCause());
                }
            }
        }
    }
}
