package org.staypuft.testsupport.attack;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.staypuft.testsupport.KafkaTestResource;

import static org.awaitility.Awaitility.await;

/**
 * What "nothing changed" means for the endpoint attack: the row count of every table of the service's database
 * (but Flyway's history and the tables named) and the end offset of every partition of the service's topics.
 */
public final class ServiceState {

    private ServiceState() {
    }

    /**
     * A snapshot taken once the outbox is empty (so an earlier test's event still on its way is not counted as the
     * attack's).
     */
    public static Map<String, Long> of(DataSource database, List<String> topics, Set<String> ignoredTables) {
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> rows(database, Set.of())
                .getOrDefault("rows outbox_event", 0L) == 0);
        Map<String, Long> state = new TreeMap<>(rows(database, ignoredTables));
        state.putAll(endOffsets(topics));
        return state;
    }

    static Map<String, Long> rows(DataSource database, Set<String> ignored) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            for (String table : tables) {
                if (table.startsWith("flyway_") || ignored.contains(table)) {
                    continue;
                }
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    result.next();
                    counts.put("rows " + table, result.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the service's rows", e);
        }
        return counts;
    }

    static Map<String, Long> endOffsets(List<String> topics) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.startBroker());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Long> offsets = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.endOffsets(partitions).forEach((partition, offset) -> offsets.put("offset " + partition, offset));
        }
        return offsets;
    }
}
