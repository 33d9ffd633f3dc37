package org.staypuft.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack keeps its state and listens: {@code .staypuft/} under the repository root (Kafka's and
 * PostgreSQL's data kept across starts unless {@code --fresh}) and the fixed ports, for {@code ./staypuft up};
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

    /** The ENC's shared secret: the registry checks it, the puppet server's {@code staypuft-enc} sends it. */
    Path encSecret() {
        return stateDirectory.resolve("host-registry/enc.secret");
    }

    /** The key that seals secret parameters: the orchestrator seals, the registry opens. */
    Path parameterKey() {
        return stateDirectory.resolve("secrets/parameter.key");
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

    /**
     * Prepares the state directory. Kafka's and PostgreSQL's data are kept from the previous start (issue 11: a
     * restart of the stack loses nothing) unless {@code fresh} ({@code ./staypuft up --fresh}).
     */
    void recreate(boolean fresh) throws IOException {
        if (fresh && Files.exists(stateDirectory)) {
            Directories.deleteRecursively(stateDirectory.resolve("kafka"));
            Directories.deleteRecursively(stateDirectory.resolve("postgres"));
        }
        if (Files.exists(stateDirectory.resolve("status"))) {
            Directories.deleteRecursively(stateDirectory.resolve("status"));
        }
        Files.createDirectories(logs());
        Files.createDirectories(pids());
    }

    void recreate() throws IOException {
        recreate(true);
    }
}
