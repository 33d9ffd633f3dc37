package org.staypuft.kit.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: with the broker killed, the listener's and runner's {@code /q/health} hung for more than 20 s. Readiness
 * must say DOWN, naming Kafka, within a bounded time, and liveness must stay UP.
 */
@QuarkusTest
@QuarkusTestResource(value = OwnKafkaBroker.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(PostgresTestResource.class)
class ReadinessWithoutKafkaTest {

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @TestHTTPResource("/q/health/live")
    URI live;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessReportsKafkaAndTheDatabaseInBoundedTimeAndLivenessIgnoresKafka() throws Exception {
        HttpResponse<String> before = get(ready);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        assertThat(before.body()).contains("\"Kafka\"", "\"Database\"", "broker(s) at " + OwnKafkaBroker.bootstrap(),
                "PostgreSQL");

        OwnKafkaBroker.kill();

        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> after = get(ready);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("readiness with the broker killed answered %d in %d ms%n", after.statusCode(), millis);
            assertThat(millis).as("readiness answered in %d ms", millis).isLessThan(6_000);
            assertThat(after.statusCode()).as(after.body()).isEqualTo(503);
            assertThat(after.body()).contains("\"Kafka\"", "\"DOWN\"");
            HttpResponse<String> liveness = get(live);
            assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
