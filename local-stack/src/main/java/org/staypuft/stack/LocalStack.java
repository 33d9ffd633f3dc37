package org.staypuft.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./staypuft up}: a real Kafka broker, an embedded PostgreSQL and every service as its own process, on fixed
 * ports, until Ctrl-C. Nothing to install but a JDK. {@code ./staypuft demo}: the same with the settings the simulated
 * hosts need ({@link DemoSettings}), then {@link Demo}: simulated hosts, a sample deployment and a run shown live.
 */
public final class LocalStack {

    private final StackLayout layout;
    private final ChildProcesses processes;
    private final boolean demo;
    private EmbeddedDatabase database;
    private LocalTokens tokens;
    private volatile Demo runningDemo;
    private final Map<ServiceInstance, Process> services = new LinkedHashMap<>();

    /** Wipe Kafka's and PostgreSQL's data at start (tests, the demo, {@code up --fresh}). */
    boolean fresh = true;
    private volatile Supervisor supervisor;

    LocalStack(StackLayout layout, boolean demo) {
        this.layout = layout;
        this.processes = new ChildProcesses(layout);
        this.demo = demo;
    }

    public static void main(String[] arguments) throws Exception {
        boolean fresh = java.util.Arrays.asList(arguments).contains("--fresh");
        String[] args = java.util.Arrays.stream(arguments).filter(a -> !a.equals("--fresh")).toArray(String[]::new);
        String mode = args.length == 0 ? "up" : args[0];
        int orchestrators = orchestratorReplicas(args);
        if (!mode.equals("up") && !mode.equals("demo") || orchestrators < 1) {
            System.err.println("Usage: local-stack [up|demo] [--orchestrators N] [--fresh]");
            System.exit(2);
        }
        boolean demo = mode.equals("demo");
        if (demo) {
            Demo.quietSshLogging();
        }
        Path root = Path.of(System.getProperty("staypuft.root", ".")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(StackLayout.under(root, orchestrators), demo);
        // The demo starts from nothing; "up" keeps Kafka's and PostgreSQL's data unless --fresh.
        stack.fresh = demo || fresh;
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
            stack.supervise();
        } catch (Exception e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
        }
        if (demo) {
            stack.runDemo();
        }
        System.out.println("Ctrl-C stops everything.");
        new CountDownLatch(1).await();
    }

    /** The environment variable that opens the services to other interfaces ({@code 0.0.0.0} for all). */
    static final String BIND_ADDRESS_VARIABLE = "STAYPUFT_BIND_ADDRESS";

    /**
     * The address the services listen on: 127.0.0.1 unless {@value #BIND_ADDRESS_VARIABLE} says otherwise, so a
     * stack on a laptop is not reachable from the network it sits on (issue 12 finding 7).
     */
    static String bindAddress(Map<String, String> environment) {
        String configured = environment.get(BIND_ADDRESS_VARIABLE);
        return configured == null || configured.isBlank() ? "127.0.0.1" : configured.strip();
    }

    /** {@code --orchestrators N}: N orchestrator replicas sharing one database (1 when not given, -1 when bad). */
    static int orchestratorReplicas(String[] args) {
        if (args.length <= 1) {
            return 1;
        }
        if (args.length != 3 || !args[1].equals("--orchestrators")) {
            return -1;
        }
        try {
            return Integer.parseInt(args[2]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void runDemo() {
        Demo started = new Demo(layout, layout.stateDirectory().resolve("token"));
        runningDemo = started;
        try {
            started.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println();
            System.err.println("The demo stopped: " + e.getMessage());
            System.err.println("The stack stays up (logs in " + layout.logs() + "); Ctrl-C stops everything.");
        }
    }

    void start() throws IOException, InterruptedException, GeneralSecurityException {
        processes.killLeftovers();
        layout.recreate(fresh);
        tokens = LocalTokens.create(layout);
        LocalSecrets.encSecret(layout.encSecret());
        LocalSecrets.parameterKey(layout.parameterKey());
        System.out.printf("Starting PostgreSQL on port %d...%n", layout.addresses().postgres());
        database = EmbeddedDatabase.start(layout, layout.addresses().postgres(),
                Arrays.stream(StaypuftService.values()).map(StaypuftService::database).toList(), fresh);
        System.out.printf("Starting Kafka on port %d...%n", layout.addresses().kafka());
        KafkaBroker kafka = new KafkaBroker(layout, processes);
        kafka.start();

        ServiceLauncher launcher = new ServiceLauncher(layout, processes);
        for (ServiceInstance instance : layout.addresses().instances()) {
            System.out.printf("Starting %s on %s...%n", instance.name(), instance.url());
            services.put(instance, launcher.start(instance, serviceProperties(instance.service(), kafka)));
        }
        for (Map.Entry<ServiceInstance, Process> service : services.entrySet()) {
            launcher.awaitReady(service.getKey(), service.getValue());
        }
        printSummary(writeOperatorToken());
    }

    private Map<String, String> serviceProperties(StaypuftService service, KafkaBroker kafka) {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("quarkus.datasource.jdbc.url", database.jdbcUrl(service.database()));
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", "postgres");
        properties.put("quarkus.http.host", bindAddress(System.getenv()));
        properties.put("mp.jwt.verify.issuer", LocalTokens.ISSUER);
        properties.put("mp.jwt.verify.publickey.location", tokens.publicKeyFile().toUri().toString());
        // The runner makes its key pair at first start; the others read the public half when they need it.
        String proxyKey = layout.stateDirectory().resolve("puppet-runner/id_ed25519").toString();
        switch (service) {
            case PUPPET_RUNNER -> properties.put("staypuft.runner.ssh.key-path", proxyKey);
            case HOST_REGISTRY -> {
                properties.put("staypuft.registry.proxy-public-key-file", proxyKey + ".pub");
                properties.put("staypuft.registry.unattended.base-url", layout.url(service));
                properties.put("staypuft.registry.enc.port", Integer.toString(layout.addresses().registryEnc()));
                properties.put("staypuft.registry.enc.secret-file", layout.encSecret().toString());
                properties.put("staypuft.secrets.key-file", layout.parameterKey().toString());
            }
            case DISCOVERY_LISTENER -> {
                properties.put("staypuft.listener.proxy-public-key-file", proxyKey + ".pub");
                properties.put("staypuft.listener.public-url", layout.url(service));
            }
            case ORCHESTRATOR -> properties.put("staypuft.secrets.key-file", layout.parameterKey().toString());
            case WEBHOOK_DISPATCHER -> {
                // Deliveries to receivers on this machine come quickly or not at all: retry sooner than in production.
                properties.put("staypuft.webhooks.delivery.first-backoff", "2s");
                properties.put("staypuft.webhooks.delivery.max-backoff", "1m");
            }
        }
        if (demo) {
            properties.putAll(DemoSettings.forService(service, layout));
        }
        return properties;
    }

    /** Where the CLI finds it: {@code .staypuft/token}, readable by this user only. */
    private String writeOperatorToken() throws IOException, GeneralSecurityException {
        Path token = layout.stateDirectory().resolve("token");
        String value = tokens.mint("local-operator", "operator", "viewer");
        Files.writeString(token, value);
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        return value;
    }

    /** The orchestrator's dashboard, signed in: the token rides in the fragment, which the browser never sends. */
    static String dashboardUrl(StackLayout layout, String operatorToken) {
        return layout.url(StaypuftService.ORCHESTRATOR) + "/dashboard#token=" + operatorToken;
    }

    private void printSummary(String operatorToken) {
        System.out.println();
        System.out.println("Staypuft is up:");
        System.out.printf("  (services listen on %s; set %s=0.0.0.0 to open them to other hosts)%n",
                bindAddress(System.getenv()), BIND_ADDRESS_VARIABLE);
        for (ServiceInstance instance : services.keySet()) {
            System.out.printf("  %-20s %s  (OpenAPI: %s/q/openapi)%n", instance.name(), instance.url(),
                    instance.url());
        }
        System.out.printf("  %-20s localhost:%d%n", "kafka", layout.addresses().kafka());
        System.out.printf("  %-20s localhost:%d (user postgres)%n", "postgresql", layout.addresses().postgres());
        System.out.printf("  logs                 %s%n", layout.logs());
        System.out.printf("  operator token       %s (the CLI reads it from there)%n",
                layout.stateDirectory().resolve("token"));
        System.out.printf("  dashboard            %s%n", dashboardUrl(layout, operatorToken));
    }

    /** The running processes, by instance (a test kills one). */
    Map<ServiceInstance, Process> services() {
        return services;
    }

    EmbeddedDatabase database() {
        return database;
    }

    /** From now on a part that exits is restarted with back-off and reported ({@link Supervisor}). */
    void supervise() {
        supervisor = new Supervisor(layout, processes);
        supervisor.inProcess("postgresql");
        processes.process("kafka").ifPresent(kafka -> supervisor.watch("kafka", kafka));
        services.forEach((instance, process) -> supervisor.watch(instance.name(), process));
        System.out.println("Crashed parts are restarted with back-off; ./staypuft status shows each part.");
    }

    void stop() {
        Supervisor watching = supervisor;
        if (watching != null) {
            watching.stop();
        }
        Demo started = runningDemo;
        if (started != null) {
            started.close();
        }
        processes.stopAll();
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            database = null;
        }
    }
}
