package org.staypuft.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack keeps its state and listens: {@code .staypuft/} under the repository root (recreated at every
 * start so a second start never trips over the first one's leftovers) and the fixed ports, for {@code ./staypuft up};
 * a test gives its own directory and free ports.
 */
record StackLayout(Path repositoryRoot, Path stateDirectory, StackAddresses addresses) {

    static StackLayout under(Path repositoryRoot, int orchestratorReplicas) {
        return new StackLayout(repositoryRoot, repositoryRoot.resolve(".staypuft"),
                StackAddresses.fixed(orchestratorReplicas));
    }

    String url(StaypuftService service) {
        return addresses.url(service);
    }

    Path logs() {
        return stateDirectory.resolve("logs");
    }

    Path log(String component) {
        return logs().resolve(component + ".log");
    }

    Path kafkaData() {
        return stateDirectory.resolve("kafka");
    }

    Path postgresData() {
        return stateDirectory.resolve("postgres");
    }

    Path pids() {
        return stateDirectory.resolve("pids");
    }

    Path serviceJar(String module) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The classpath the local stack itself runs with; its Kafka jars also make the broker's classpath. */
    Path libDirectory() {
        return repositoryRoot.resolve("local-stack/target/lib");
    }

    void recreate() throws IOException {
        if (Files.exists(stateDirectory)) {
            Directories.deleteRecursively(stateDirectory.resolve("kafka"));
            Directories.deleteRecursively(stateDirectory.resolve("postgres"));
        }
        Files.createDirectories(logs());
        Files.createDirectories(pids());
    }
}
