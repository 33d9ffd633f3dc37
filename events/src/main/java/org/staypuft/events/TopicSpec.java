package org.staypuft.events;

import java.util.List;
import java.util.Map;

/**
 * How each topic of the contract is created: partitions and the configs that make replay work. Event topics keep
 * everything (retention -1) so read models can be rebuilt from them; the facts topic is compacted to the latest
 * facts per host. The Kubernetes KafkaTopics, the local stack and the test broker all create topics from this.
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
}
