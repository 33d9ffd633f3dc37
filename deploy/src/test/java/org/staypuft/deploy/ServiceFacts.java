package org.staypuft.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.staypuft.events.EventType;

/**
 * What the deployment must allow a service, read from the service itself rather than restated: the topics it
 * consumes, its consumer groups and dead-letter topic from its application.properties, the topics it publishes to
 * from the event records its main code creates (each {@link EventType} payload has one topic).
 */
record ServiceFacts(String name, int port, Set<String> consumedTopics, Set<String> consumerGroups,
        Set<String> producedTopics, Set<String> documentedSettings) {

    /** RegistryConfig.Enc#port's default: the node classifier's own port. */
    static final int REGISTRY_ENC_PORT = 8089;

    static final List<String> NAMES = List.of("discovery-listener", "host-registry", "orchestrator", "puppet-runner",
            "webhook-dispatcher");

    /**
     * Services without state of their own in memory; the puppet runner holds SSH sessions of running puppet runs. The
     * webhook dispatcher's deliveries are leased rows in PostgreSQL: a stopped replica's are sent again (ADR 0019).
     */
    static final Set<String> AUTOSCALED = Set.of("discovery-listener", "host-registry", "orchestrator",
            "webhook-dispatcher");

    /** The one service that reaches outside the cluster's known peers: webhook receivers, HTTP and HTTPS. */
    static final String WEBHOOK_DISPATCHER = "webhook-dispatcher";

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.(.+)");
    private static final Pattern STAYPUFT_SETTING = Pattern.compile("(?m)^#?\\s*(staypuft\\.[a-z0-9.-]+)");

    /** Every port the service listens on. */
    List<Integer> ports() {
        return name.equals("host-registry") ? List.of(port, REGISTRY_ENC_PORT) : List.of(port);
    }

    static List<ServiceFacts> all() {
        return NAMES.stream().map(ServiceFacts::read).toList();
    }

    static ServiceFacts read(String name) {
        Path module = RenderedOverlay.DEPLOY_DIR.resolveSibling(name);
        Path file = module.resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        Set<String> documented = new TreeSet<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            // Set or documented in a comment with its default ("# staypuft.runner.ssh.user=root").
            STAYPUFT_SETTING.matcher(Files.readString(file)).results()
                    .forEach(match -> documented.add(normalized(match.group(1))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Set<String> consumed = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> produced = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            var matcher = INCOMING.matcher(key);
            if (!matcher.matches()) {
                continue;
            }
            switch (matcher.group(1)) {
                case "topic" -> consumed.add(properties.getProperty(key));
                case "group.id" -> groups.add(properties.getProperty(key));
                case "dead-letter-queue.topic" -> produced.add(properties.getProperty(key));
                default -> {
                }
            }
        }
        produced.addAll(publishedTopics(module.resolve("src/main/java")));
        int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
        return new ServiceFacts(name, port, consumed, groups, produced, documented);
    }

    /**
     * A setting's name as an environment variable can express it: STAYPUFT_RUNNER_SSH_KEY_PATH and
     * staypuft.runner.ssh.key-path are both "staypuft.runner.ssh.key.path".
     */
    static String normalized(String setting) {
        return setting.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]", ".");
    }

    private static Set<String> publishedTopics(Path sources) {
        Set<String> topics = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                for (EventType type : EventType.values()) {
                    if (Pattern.compile("\\bnew " + type.payloadType().getSimpleName() + "\\(").matcher(code).find()) {
                        topics.add(type.topic());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return topics;
    }
}
