package org.staypuft.simulator.puppet;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A puppet agent as far as a caller over SSH can tell: the agent's lock file, a catalog per environment whose
 * resources change on the first run and stay in sync after, {@code Service[puppet]} following the runmode, the last
 * run's summary and report, and the faults a real fleet shows (failing resources, hangs, slow runs, drift).
 * <p>
 * Runs take simulated time on a shared scheduler, so thousands of agents cost no threads while they run.
 */
public final class FakePuppetAgent {

    public static final String STATE_DIR = "/var/lib/puppet/state";
    public static final String LOCK_FILE = STATE_DIR + "/agent_catalog_run.lock";
    public static final String SUMMARY_FILE = STATE_DIR + "/last_run_summary.yaml";
    public static final String REPORT_FILE = STATE_DIR + "/last_run_report.yaml";
    /** Exactly what puppet prints (note the two spaces) when another run holds the lock. */
    public static final String IN_PROGRESS_MESSAGE = "Run of Puppet configuration client already in progress; skipping  ("
            + LOCK_FILE + " exists)";
    public static final String DISCOVERY = "discovery";
    public static final String PRODUCTION = "production";

    private volatile String certname;
    /** The role catalog of the Java API's host; a classifier's role classes replace it. */
    private final List<CatalogResource> roleCatalog;
    private final ScheduledExecutorService scheduler;
    private final Set<String> environments = ConcurrentHashMap.newKeySet();
    private final Set<String> inSync = ConcurrentHashMap.newKeySet();
    private final Set<String> failingResources = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean lock = new AtomicBoolean();
    /** The --job_id of the run holding the lock. */
    private volatile String currentJobId;
    /** The pid written into the lock file while a run (or the service's own run) holds the lock; 0 when free. */
    private volatile int lockPid;
    private static final AtomicInteger PIDS = new AtomicInteger(4000);
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger refusedRuns = new AtomicInteger();
    private final AtomicInteger terminatedRuns = new AtomicInteger();
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final List<AgentRunRecord> history = new CopyOnWriteArrayList<>();

    private volatile Runmode runmode;
    private volatile boolean serviceRunning;
    private volatile Duration runDuration;
    private volatile boolean hanging;
    private volatile boolean drift;
    private volatile NodeClassifier classifier;
    private volatile NodeClassification lastClassification;

    public FakePuppetAgent(String certname, List<CatalogResource> roleCatalog, ScheduledExecutorService scheduler,
            Duration runDuration, Runmode runmode, boolean serviceRunning) {
        this.certname = certname;
        this.roleCatalog = List.copyOf(roleCatalog);
        this.scheduler = scheduler;
        this.runDuration = runDuration;
        this.runmode = runmode;
        this.serviceRunning = serviceRunning;
        environments.add(PRODUCTION);
        environments.add(DISCOVERY);
    }

    /**
     * Starts {@code puppet agent --onetime}. The callback gets the result once the run ends: at once when another
     * run holds the lock, after the run duration otherwise, never for a hanging run unless it is terminated.
     */
    public Run run(String environment, boolean detailedExitcodes, Consumer<AgentRunResult> callback) {
        return run(environment, null, detailedExitcodes, callback);
    }

    /** As {@link #run(String, boolean, Consumer)}, with {@code --job_id jobId}: the report carries it. */
    public Run run(String environment, String jobId, boolean detailedExitcodes, Consumer<AgentRunResult> callback) {
        String env = environment == null ? PRODUCTION : environment;
        if (!lock.compareAndSet(false, true)) {
            refusedRuns.incrementAndGet();
            callback.accept(new AgentRunResult(1, List.of("Notice: " + IN_PROGRESS_MESSAGE), List.of()));
            return finishedRun();
        }
        currentJobId = jobId;
        lockPid = PIDS.incrementAndGet();
        runs.incrementAndGet();
        List<CatalogResource> catalog = roleCatalog;
        NodeClassifier server = classifier;
        if (server != null) {
            NodeClassification classification;
            try {
                classification = server.classify(certname);
            } catch (ClassificationFailedException e) {
                lock.set(false);
                callback.accept(catalogRefused(env, e));
                return finishedRun();
            }
            lastClassification = classification;
            // As with real puppet's --environment, the command line wins over the classifier (see README).
            env = environment == null ? classification.environment() : environment;
            environments.add(classification.environment());
            runmode = classification.runmode();
            catalog = RoleCatalogs.forClasses(classification.roleClasses());
        }
        if (!environments.contains(env)) {
            lock.set(false);
            callback.accept(new AgentRunResult(1, List.of("Info: Using environment '" + env + "'"), List.of(
                    "Error: Could not retrieve catalog from remote server: Error 500 on SERVER: Server Error: "
                            + "Could not find environment '" + env + "'",
                    "Error: Could not retrieve catalog; skipping run")));
            return finishedRun();
        }
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        long startNanos = System.nanoTime();
        Run run = new Run(env, runmode, startedAt.toInstant());
        String runEnvironment = env;
        List<CatalogResource> runCatalog = catalog;
        if (!hanging) {
            run.completion = scheduler.schedule(() -> {
                if (run.finish()) {
                    callback.accept(complete(runEnvironment, runCatalog, detailedExitcodes, startedAt,
                            Duration.ofNanos(System.nanoTime() - startNanos)));
                }
            }, runDuration.toNanos(), TimeUnit.NANOSECONDS);
        }
        return run;
    }

    /** A started run; terminating it (SIGTERM, closed channel) releases the lock and writes no report. */
    public final class Run {

        private final AtomicBoolean done = new AtomicBoolean();
        private final String environment;
        private final Runmode runmode;
        private final Instant startedAt;
        private volatile ScheduledFuture<?> completion;

        private Run(String environment, Runmode runmode, Instant startedAt) {
            this.environment = environment;
            this.runmode = runmode;
            this.startedAt = startedAt;
        }

        private boolean finish() {
            return done.compareAndSet(false, true);
        }

        /** @return true when the run was still going and is now stopped */
        public boolean terminate() {
            if (!finish()) {
                return false;
            }
            if (completion != null) {
                completion.cancel(false);
            }
            terminatedRuns.incrementAndGet();
            history.add(new AgentRunRecord(environment, runmode, startedAt, Instant.now(), true, -1, List.of()));
            lock.set(false);
            return true;
        }
    }

    private Run finishedRun() {
        Run run = new Run(null, null, null);
        run.finish();
        return run;
    }

    /**
     * What the agent prints when the server could not classify the node: the exec terminus failed, so the catalog
     * request got a server error.
     */
    private AgentRunResult catalogRefused(String environment, ClassificationFailedException failure) {
        String enc = "/usr/local/bin/staypuft-enc " + certname;
        return new AgentRunResult(1, List.of("Info: Using environment '" + (environment == null
                ? PRODUCTION
                : environment) + "'"), List.of(
                        "Error: Could not retrieve catalog from remote server: Error 500 on SERVER: Server Error: "
                                + "Failed when searching for node " + certname + ": Failed to find " + certname
                                + " via exec: Execution of '" + enc + "' returned " + failure.scriptExitCode()
                                + ": " + failure.getMessage(),
                        "Warning: Not using cache on failed catalog",
                        "Error: Could not retrieve catalog; skipping run"));
    }

    private AgentRunResult complete(String environment, List<CatalogResource> catalog, boolean detailedExitcodes,
            OffsetDateTime startedAt, Duration duration) {
        try {
            AgentRunReport report = new AgentRunReport(certname, environment, startedAt.toEpochSecond(),
                    UUID.randomUUID().toString(), startedAt, duration, apply(environment, catalog), currentJobId);
            files.put(SUMMARY_FILE, PuppetReportWriter.summary(report));
            files.put(REPORT_FILE, PuppetReportWriter.report(report));
            List<String> stdout = new ArrayList<>();
            List<String> stderr = new ArrayList<>();
            for (String line : PuppetReportWriter.consoleLines(report)) {
                (line.startsWith("Error:") ? stderr : stdout).add(line);
            }
            int exitCode = detailedExitcodes ? report.detailedExitCode() : 0;
            history.add(new AgentRunRecord(environment, runmode, startedAt.toInstant(), Instant.now(), false,
                    report.detailedExitCode(), report.outcomes().stream().filter(ResourceOutcome::changed)
                            .map(outcome -> outcome.resource().ref()).toList()));
            return new AgentRunResult(exitCode, stdout, stderr);
        } finally {
            lock.set(false);
        }
    }

    /** Brings the host towards the catalog of the environment and says what changed. */
    private List<ResourceOutcome> apply(String environment, List<CatalogResource> catalog) {
        List<ResourceOutcome> outcomes = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        if (!DISCOVERY.equals(environment)) {
            for (CatalogResource resource : catalog) {
                declared.add(resource.ref());
                if (failingResources.contains(resource.ref())) {
                    outcomes.add(ResourceOutcome.failure(resource));
                } else if (inSync.add(resource.ref())) {
                    outcomes.add(ResourceOutcome.changed(resource));
                } else {
                    outcomes.add(ResourceOutcome.unchanged(resource));
                }
            }
        }
        for (String ref : failingResources) {
            if (!declared.contains(ref) && !ref.equals(RoleCatalogs.AGENT_SERVICE.ref())) {
                outcomes.add(ResourceOutcome.failure(CatalogResource.parse(ref, "Main")));
            }
        }
        outcomes.addAll(applyAgentService());
        return outcomes;
    }

    private List<ResourceOutcome> applyAgentService() {
        CatalogResource service = RoleCatalogs.AGENT_SERVICE;
        if (failingResources.contains(service.ref())) {
            return List.of(ResourceOutcome.failure(service), ResourceOutcome.unchanged(RoleCatalogs.DRIFTING_CONFIG));
        }
        boolean wanted = runmode == Runmode.SERVICE;
        if (serviceRunning == wanted) {
            return List.of(ResourceOutcome.unchanged(service), ResourceOutcome.unchanged(RoleCatalogs.DRIFTING_CONFIG));
        }
        serviceRunning = wanted;
        ResourceOutcome config = wanted && drift
                ? ResourceOutcome.changed(RoleCatalogs.DRIFTING_CONFIG)
                : ResourceOutcome.unchanged(RoleCatalogs.DRIFTING_CONFIG);
        return List.of(ResourceOutcome.serviceState(service, wanted), config);
    }

    /**
     * Takes the agent's lock for a while, as the agent service's own run would: triggered runs meanwhile exit 1 with
     * {@link #IN_PROGRESS_MESSAGE}.
     *
     * @return false when a run already holds the lock
     */
    public boolean holdLock(Duration duration) {
        if (!lock.compareAndSet(false, true)) {
            return false;
        }
        lockPid = PIDS.incrementAndGet();
        scheduler.schedule(() -> lock.set(false), duration.toNanos(), TimeUnit.NANOSECONDS);
        return true;
    }

    /** What {@code puppet config print <setting>} prints, empty for settings the simulation does not know. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(switch (name) {
            case "lastrunfile" -> SUMMARY_FILE;
            case "lastrunreport" -> REPORT_FILE;
            case "statedir" -> STATE_DIR;
            case "vardir" -> "/var/lib/puppet";
            case "agent_catalog_run_lockfile" -> LOCK_FILE;
            case "certname" -> certname;
            case "environment" -> PRODUCTION;
            case "runinterval" -> "1800";
            default -> null;
        });
    }

    /**
     * A file the agent wrote (summary, report), as {@code cat} would show it; the lock file holds the pid of the run
     * that holds the lock, as puppet's does.
     */
    public Optional<String> file(String path) {
        if (LOCK_FILE.equals(path)) {
            return lock.get() ? Optional.of(String.valueOf(lockPid)) : Optional.empty();
        }
        return Optional.ofNullable(files.get(path));
    }

    /** Whether the process {@code pid} is alive ({@code kill -0}): only the lock holder's pid, while it holds it. */
    public boolean processAlive(int pid) {
        return lock.get() && pid == lockPid;
    }

    /** The name it asks the classifier for and writes into its reports, as {@code puppet config print certname}. */
    public void setCertname(String certname) {
        this.certname = certname;
    }

    /**
     * Lets a node classifier decide environment, runmode and role catalog at every run, as a puppet server with an
     * ENC does; null goes back to what the Java API sets.
     */
    public void setClassifier(NodeClassifier classifier) {
        this.classifier = classifier;
    }

    /** The classification of the last run that asked the classifier successfully, or null. */
    public NodeClassification lastClassification() {
        return lastClassification;
    }

    /**
     * The host was reinstalled: no resource is in sync any more, the agent service is stopped and disabled (as the
     * provisioning templates leave it), no run summary exists.
     */
    public void reinstalled() {
        inSync.clear();
        files.clear();
        serviceRunning = false;
        runmode = Runmode.NONE;
    }

    public void addEnvironment(String environment) {
        environments.add(environment);
    }

    public Runmode runmode() {
        return runmode;
    }

    public void setRunmode(Runmode runmode) {
        this.runmode = runmode;
    }

    /** Whether {@code Service[puppet]} is running (and enabled) right now. */
    public boolean serviceRunning() {
        return serviceRunning;
    }

    public Duration runDuration() {
        return runDuration;
    }

    public void setRunDuration(Duration runDuration) {
        this.runDuration = runDuration;
    }

    public void setHanging(boolean hanging) {
        this.hanging = hanging;
    }

    public void setDrift(boolean drift) {
        this.drift = drift;
    }

    /** Resources that fail every run until cleared, e.g. {@code Service[openstack-keystone]}. */
    public void setFailingResources(Set<String> refs) {
        failingResources.clear();
        failingResources.addAll(refs);
    }

    public boolean runInProgress() {
        return lock.get();
    }

    /** Runs that took the lock (a refused run does not count). */
    public int runs() {
        return runs.get();
    }

    /** Runs refused because another one held the lock. */
    public int refusedRuns() {
        return refusedRuns.get();
    }

    /** Every run that took the lock, finished or terminated, in the order they ended. */
    public List<AgentRunRecord> runHistory() {
        return List.copyOf(history);
    }

    /** Runs stopped by a signal or a closed channel before they finished. */
    public int terminatedRuns() {
        return terminatedRuns.get();
    }
}
