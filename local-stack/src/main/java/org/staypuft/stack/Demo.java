package org.staypuft.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.staypuft.cli.StaypuftCli;
import org.staypuft.simulator.HostSimulator;
import org.staypuft.simulator.HostSpec;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.simulator.announce.Announcement;
import org.staypuft.simulator.announce.AnnouncementRefusedException;
import org.staypuft.simulator.enc.EncAccess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code ./staypuft demo}, once the stack is up: about 30 simulated hosts (real SSH servers on 127.1.0.x, every second
 * one registered, the others discovered and provisioned through their discovery proxy), a sample deployment, their
 * assignment and a run shown live by the CLI's {@code deploy --watch}, then a summary and where to look.
 */
final class Demo implements AutoCloseable {

    static final String DEPLOYMENT = "demo";
    /** Simulated hosts per role, in address order; the role names are the deployment's. */
    private static final Map<String, Integer> LAYOUT = layout();
    private static final Duration PUPPET_RUN = Duration.ofMillis(1500);
    private static final Duration INSTALLATION = Duration.ofSeconds(3);
    private static final Duration HOSTS_KNOWN_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DEPLOYMENT_YAML = """
            # The deployment ./staypuft demo creates (hosts are assigned afterwards with 'staypuft hosts assign').
            name: demo
            description: Sample OpenStack-like deployment of ./staypuft demo on simulated hosts
            parameters:
              ntp_servers: pool.ntp.org
            roles:
              - name: database
                puppetClasses: [quickstack::db::mariadb]
              - name: controller
                dependsOn: [database]
                puppetClasses: [quickstack::controller]
                mode: concurrent
                puppetRuns: 3
              - name: compute
                dependsOn: [controller]
                puppetClasses: [quickstack::compute]
                mode: leader
                maxConcurrent: 10
              - name: network
                dependsOn: [controller]
                puppetClasses: [quickstack::neutron::networker]
              - name: storage
                puppetClasses: [quickstack::storage::ceph]
            """;

    private final StackLayout layout;
    private final Path operatorTokenFile;
    private final Map<String, Integer> hostsPerRole;
    private final List<SimulatedHost> hosts = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile HostSimulator simulator;
    private String operatorToken;

    Demo(StackLayout layout, Path operatorTokenFile) {
        this(layout, operatorTokenFile, LAYOUT);
    }

    /** @param hostsPerRole simulated hosts per role of the sample deployment (a test takes fewer) */
    Demo(StackLayout layout, Path operatorTokenFile, Map<String, Integer> hostsPerRole) {
        this.layout = layout;
        this.operatorTokenFile = operatorTokenFile;
        this.hostsPerRole = hostsPerRole;
    }

    private static Map<String, Integer> layout() {
        Map<String, Integer> layout = new LinkedHashMap<>();
        layout.put("database", 2);
        layout.put("controller", 3);
        layout.put("network", 2);
        layout.put("storage", 3);
        layout.put("compute", 20);
        return layout;
    }

    /** sshd-core logs connection resets at WARN; on the demo's console they would break the progress bars. */
    static void quietSshLogging() {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd", "error");
    }

    void run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        prepare();
        step("Deploying (staypuft deploy " + DEPLOYMENT + " --watch)");
        // The signed-in link (it carries the operator token) is printed once, in the stack's summary above.
        System.out.println("    also live in the browser: the dashboard link above");
        System.out.flush();
        int exitCode = cli(null, "deploy", DEPLOYMENT, "--watch");
        summary(exitCode, started);
    }

    /** Everything before the run: simulated hosts announced, the sample deployment created, its hosts assigned. */
    void prepare() throws IOException, InterruptedException {
        operatorToken = Files.readString(operatorTokenFile).strip();
        String runnerKey = runnerPublicKey();

        step("Creating a registration token for the registered hosts (POST "
                + layout.url(StaypuftService.DISCOVERY_LISTENER)
                + "/api/v1/registration-tokens)");
        int total = hostsPerRole.values().stream().mapToInt(Integer::intValue).sum();
        // A token is bound to the hosts it registers: this one may register every simulated host (half of them do).
        JsonNode issued = send("POST", layout.url(StaypuftService.DISCOVERY_LISTENER) + "/api/v1/registration-tokens",
                JSON.createObjectNode().put("description", "./staypuft demo: simulated registered hosts")
                        .put("ttl", "P1D").put("maxHosts", total).toString());
        String registrationToken = issued.path("token").asText();

        step("Starting " + total + " simulated hosts (SSH on " + layout.addresses().simulatedHostsFirstAddress()
                + "... port " + layout.addresses().simulatedSsh()
                + ", discovery proxy on port " + layout.addresses().simulatedProxy() + ")");
        startHosts(runnerKey);

        step("Creating deployment '" + DEPLOYMENT + "': database -> controller (3 runs) -> compute (leader), network;"
                + " storage independent");
        Path deploymentFile = layout.stateDirectory().resolve("demo-deployment.yaml");
        Files.writeString(deploymentFile, DEPLOYMENT_YAML);
        int applied = cli(null, "deployments", "apply", "-f", deploymentFile.toString());
        if (applied != 0) {
            throw new IllegalStateException("the deployment was refused (exit code " + applied + ")");
        }

        step("Hosts announce themselves to the discovery listener (every second one registers, the others discover)");
        Map<String, List<String>> hostIdsByRole = announce(hosts, registrationToken);

        step("Waiting until the orchestrator knows them (GET " + layout.url(StaypuftService.ORCHESTRATOR)
                + "/api/v1/hosts)");
        Set<String> wanted = new HashSet<>();
        hostIdsByRole.values().forEach(wanted::addAll);
        Set<String> known = awaitKnownHosts(wanted);
        if (known.isEmpty()) {
            throw new IllegalStateException("the orchestrator learnt of no host within " + HOSTS_KNOWN_TIMEOUT
                    + ": see " + layout.logs());
        }

        step("Assigning them (staypuft hosts assign " + DEPLOYMENT + " ROLE HOST...)");
        for (Map.Entry<String, List<String>> role : hostIdsByRole.entrySet()) {
            List<String> ids = role.getValue().stream().filter(known::contains).toList();
            if (ids.isEmpty()) {
                continue;
            }
            List<String> arguments = new ArrayList<>(List.of("hosts", "assign", DEPLOYMENT, role.getKey()));
            arguments.addAll(ids);
            StringWriter output = new StringWriter();
            int assigned = cli(output, arguments.toArray(String[]::new));
            System.out.printf("  %-11s %2d hosts%s%n", role.getKey(), ids.size(),
                    assigned == 0 ? "" : "  (some refused: " + output.toString().strip() + ")");
        }
    }

    /** {@code staypuft deploy demo}, not watched: the run's id is {@link #latestRun()}'s. */
    int startRun() {
        return cli(new StringWriter(), "deploy", DEPLOYMENT);
    }

    /** The simulated hosts, once {@link #prepare()} started them. */
    List<SimulatedHost> hosts() {
        return List.copyOf(hosts);
    }

    private String runnerPublicKey() throws IOException, InterruptedException {
        Path key = layout.stateDirectory().resolve("puppet-runner/id_ed25519.pub");
        for (int i = 0; i < 60 && !Files.isRegularFile(key); i++) {
            Thread.sleep(500);
        }
        if (!Files.isRegularFile(key)) {
            throw new IllegalStateException("the puppet-runner wrote no public key to " + key);
        }
        return Files.readString(key).strip();
    }

    private String encSecret() {
        try {
            return Files.readString(layout.encSecret()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the local stack's ENC secret " + layout.encSecret(), e);
        }
    }

    private void startHosts(String runnerKey) {
        simulator = new HostSimulator(layout.addresses().simulatedHostsFirstAddress(), 2, 4);
        URI registry = URI.create(layout.url(StaypuftService.HOST_REGISTRY));
        // The simulator plays the puppet server's part, so it asks the ENC with the server's shared secret.
        EncAccess enc = new EncAccess(URI.create(layout.addresses().encUrl()), encSecret());
        for (Map.Entry<String, Integer> role : hostsPerRole.entrySet()) {
            for (int i = 1; i <= role.getValue(); i++) {
                SimulatedHost host = simulator.addHost(HostSpec.named(role.getKey() + "-" + i).role(role.getKey())
                        .sshPort(layout.addresses().simulatedSsh()).discoveryProxy(layout.addresses().simulatedProxy())
                        .runDuration(PUPPET_RUN)
                        .authorizedKey(runnerKey).build());
                host.useRegistry(registry, enc);
                host.setInstallDuration(INSTALLATION);
                hosts.add(host);
            }
        }
    }

    /** @return the listener's host ids per role, of the hosts it accepted */
    private Map<String, List<String>> announce(List<SimulatedHost> hosts, String registrationToken) {
        URI listener = URI.create(layout.url(StaypuftService.DISCOVERY_LISTENER));
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        int discovered = 0;
        int registered = 0;
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            SimulatedHost host = hosts.get(i);
            try {
                Announcement announcement = i % 2 == 1
                        ? host.registerAt(listener, registrationToken)
                        : host.discoverAt(listener);
                if (i % 2 == 1) {
                    registered++;
                } else {
                    discovered++;
                }
                byRole.computeIfAbsent(host.role(), role -> new ArrayList<>()).add(announcement.hostId());
            } catch (AnnouncementRefusedException e) {
                refused.add(host.name() + ": " + e.getMessage());
            }
        }
        System.out.printf("  %d discovered, %d registered%s%n", discovered, registered,
                refused.isEmpty() ? "" : ", " + refused.size() + " refused by the listener:");
        refused.forEach(reason -> System.out.println("    " + reason));
        return byRole;
    }

    private Set<String> awaitKnownHosts(Set<String> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HOSTS_KNOWN_TIMEOUT.toNanos();
        Set<String> known = new HashSet<>();
        while (System.nanoTime() < deadline) {
            known.clear();
            for (JsonNode host : get(layout.url(StaypuftService.ORCHESTRATOR) + "/api/v1/hosts?limit=5000")) {
                known.add(host.path("hostId").asText());
            }
            known.retainAll(wanted);
            if (known.size() == wanted.size()) {
                break;
            }
            Thread.sleep(1000);
        }
        System.out.printf("  %d of %d hosts known%n", known.size(), wanted.size());
        return known;
    }

    private void summary(int exitCode, long startedNanos) throws IOException, InterruptedException {
        JsonNode run = latestRun();
        System.out.println();
        System.out.println("==================== ./staypuft demo ====================");
        if (run == null) {
            System.out.println("No run of deployment " + DEPLOYMENT + " found (deploy exited with " + exitCode + ").");
        } else {
            String runId = run.path("id").asText();
            JsonNode detail = get(layout.url(StaypuftService.ORCHESTRATOR) + "/api/v1/runs/" + runId).path("run");
            JsonNode counts = detail.path("counts");
            System.out.printf("Run %s: %s%n", runId, detail.path("status").asText());
            System.out.printf("  hosts      %d deployed, %d failed, %d skipped of %d%n",
                    counts.path("deployed").asInt(),
                    counts.path("failed").asInt(), counts.path("skipped").asInt(), counts.path("hosts").asInt());
            System.out.printf("  roles      %d of %d ready%s%n", counts.path("rolesReady").asInt(),
                    counts.path("rolesTotal").asInt(), counts.path("rolesFailed").asInt() > 0
                            ? ", " + counts.path("rolesFailed").asInt() + " failed"
                            : "");
            if (!detail.path("durationMillis").isMissingNode() && !detail.path("durationMillis").isNull()) {
                System.out.printf("  run took   %s%n", seconds(detail.path("durationMillis").asLong()));
            }
            System.out.printf("  demo took  %s (stack up to the end of the run)%n",
                    seconds((System.nanoTime() - startedNanos) / 1_000_000));
            System.out.println();
            System.out.println("Where to look:");
            where("./staypuft runs show " + runId, "the run, role by role");
            where("./staypuft hosts list", "every host: kind, state, deployment");
            where("./staypuft deployments export " + DEPLOYMENT, "the deployment, as "
                    + layout.stateDirectory().resolve("demo-deployment.yaml") + " created it");
        }
        for (StaypuftService service : StaypuftService.values()) {
            where(service.module(), layout.url(service) + "  (Swagger UI: " + layout.url(service) + "/q/swagger-ui)");
        }
        where("dashboard", layout.url(StaypuftService.ORCHESTRATOR) + "/dashboard  (signed in: the link printed when"
                + " the stack came up; the token is in " + operatorTokenFile + ")");
        where("logs", layout.logs().toString());
        where("simulated hosts",
                layout.addresses().simulatedHostsFirstAddress() + " and on, SSH port "
                        + layout.addresses().simulatedSsh() + ", proxy port " + layout.addresses().simulatedProxy()
                        + ", in this process");
        System.out.println("=========================================================");
    }

    /** The sample deployment's latest run (its summary), or null. */
    JsonNode latestRun() throws IOException, InterruptedException {
        JsonNode deployment = null;
        for (JsonNode candidate : get(layout.url(StaypuftService.ORCHESTRATOR) + "/api/v1/deployments")) {
            if (DEPLOYMENT.equals(candidate.path("name").asText())) {
                deployment = candidate;
            }
        }
        JsonNode run = null;
        if (deployment != null) {
            JsonNode runs = get(layout.url(StaypuftService.ORCHESTRATOR) + "/api/v1/deployments/"
                    + deployment.path("id").asText() + "/runs");
            JsonNode items = runs.isArray() ? runs : runs.path("items");
            for (JsonNode candidate : items) {
                JsonNode summary = candidate.has("run") ? candidate.path("run") : candidate;
                if (run == null || summary.path("createdAt").asText().compareTo(run.path("createdAt").asText()) > 0) {
                    run = summary;
                }
            }
        }
        return run;
    }

    private static void where(String what, String text) {
        System.out.printf("  %-58s %s%n", what, text);
    }

    private static String seconds(long millis) {
        long seconds = Math.round(millis / 1000.0);
        return seconds >= 60 ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
    }

    /** The CLI in this JVM; its output goes to the console unless {@code output} is given. */
    private int cli(StringWriter output, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--token", operatorToken,
                "--orchestrator-url", layout.url(StaypuftService.ORCHESTRATOR),
                "--registry-url", layout.url(StaypuftService.HOST_REGISTRY),
                "--listener-url", layout.url(StaypuftService.DISCOVERY_LISTENER)));
        all.addAll(List.of(arguments));
        CommandLine commandLine = new CommandLine(new StaypuftCli());
        if (output != null) {
            PrintWriter writer = new PrintWriter(output, true);
            commandLine.setOut(writer).setErr(writer);
        }
        return commandLine.execute(all.toArray(String[]::new));
    }

    JsonNode get(String url) throws IOException, InterruptedException {
        return send("GET", url, null);
    }

    private JsonNode send(String method, String url, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + operatorToken).header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body().isEmpty() ? "null" : response.body());
    }

    private static void step(String text) {
        System.out.println();
        System.out.println("==> " + text);
    }

    @Override
    public void close() {
        HostSimulator started = simulator;
        if (started != null) {
            simulator = null;
            started.close();
        }
    }
}
