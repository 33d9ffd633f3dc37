package org.staypuft.kit.health;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;
import org.staypuft.kit.config.KitConfig;

import io.smallrye.common.annotation.Identifier;

/**
 * The two parts every service needs, in its readiness ({@code /q/health/ready}): checks "Kafka" and "Database", each
 * answered within {@code staypuft.health.timeout} whatever the part does. Liveness never asks either: a service whose
 * broker or database is away is waiting, not broken, and restarting it would not help (the kit's defaults switch off
 * the Kafka client's and the messaging connector's own checks, whose admin calls wait up to a minute).
 */
@ApplicationScoped
public class DependencyReadiness {

    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "readiness-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Admin admin;
    private final BoundedProbe kafka;
    private final BoundedProbe database;
    private final Duration timeout;

    public DependencyReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            DataSource dataSource, KitConfig config) {
        this.timeout = config.health().timeout();
        Map<String, Object> properties = new HashMap<>(kafkaConfig);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
        int millis = (int) timeout.toMillis();
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(properties);
        this.kafka = new BoundedProbe("Kafka", () -> {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis, TimeUnit.MILLISECONDS).size();
            return brokers + " broker(s) at " + properties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        }, probes);
        this.database = new BoundedProbe("Database", () -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(Math.max(1, millis / 1000))) {
                    throw new IllegalStateException("the connection is not valid");
                }
                return connection.getMetaData().getDatabaseProductName() + " "
                        + connection.getMetaData().getDatabaseProductVersion();
            }
        }, probes);
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck kafkaReadiness() {
        return () -> kafka.check(timeout);
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck databaseReadiness() {
        return () -> database.check(timeout);
    }

    @PreDestroy
    void close() {
        probes.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
