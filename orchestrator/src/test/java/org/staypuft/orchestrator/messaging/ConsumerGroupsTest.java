package org.staypuft.orchestrator.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.staypuft.events.Topics;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each incoming channel consumes in a group of its own. Channels sharing a group rebalance together, and during a
 * shutdown a record of one channel was handed to a consumer whose datasource was already closed (the host-registry
 * dead-lettered a valid event that way).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ConsumerGroupsTest {

    @Test
    void eachChannelIsTheOnlyMemberOfItsOwnGroup() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.startBroker()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(assignedTopics(admin, Channels.HOST_EVENTS_GROUP)).containsExactly(Topics.HOST_EVENTS);
                assertThat(assignedTopics(admin, Channels.PUPPET_RESULTS_GROUP))
                        .containsExactly(Topics.PUPPET_RESULTS);
            });
            assertThat(assignedTopics(admin, "orchestrator")).as("the group both channels used to share").isEmpty();
        }
    }

    private static Set<String> assignedTopics(Admin admin, String group) throws InterruptedException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Set.of();
            }
            throw new IllegalStateException("Cannot describe group " + group, e.getCause());
        }
        return description.members().stream()
                .flatMap(member -> member.assignment().topicPartitions().stream())
                .map(TopicPartition::topic)
                .collect(Collectors.toSet());
    }
}
