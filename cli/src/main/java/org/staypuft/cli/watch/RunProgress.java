package org.staypuft.cli.watch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run's progress as the CLI knows it, fed by the run's JSON view (at the start, when polling, at the end) and by
 * its live events ({@code run}, {@code role}, {@code host}). Each update says what changed, for the renderers.
 */
public final class RunProgress {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");

    private final String runId;
    private String deploymentName;
    private String status;
    private String phase;
    private String reason;
    private String triggeredBy;
    private String createdAt;
    private Long durationMillis;
    private final Map<String, RoleProgress> roles = new LinkedHashMap<>();
    /** Host steps seen on the live stream: their role and bucket, to move them between buckets. */
    private final Map<String, HostSeen> hosts = new HashMap<>();
    private final Set<String> reportedFailures = new HashSet<>();

    /** The lines last handed to the renderers, to tell which changed. */
    private final Map<String, RoleProgress.Line> shown = new HashMap<>();

    private record HostSeen(String role, HostBucket bucket, HostActivity activity) {
    }

    public RunProgress(String runId) {
        this.runId = runId;
    }

    /** The run as {@code GET /api/v1/runs/{id}} shows it; its role summaries are taken as they are. */
    public Changes applyDetail(JsonNode detail) {
        Changes changes = applyRun(detail.path("run"));
        for (JsonNode role : detail.path("roles")) {
            changes = changes.plus(applyRole(role, true));
        }
        return changes;
    }

    /** A {@code run} event, or the run part of the detail. */
    public Changes applyRun(JsonNode run) {
        if (run.isMissingNode() || run.isNull()) {
            return Changes.none();
        }
        String before = status + "/" + phase + "/" + reason;
        deploymentName = text(run, "deploymentName", deploymentName);
        status = text(run, "status", status);
        phase = text(run, "phase", phase);
        reason = text(run, "reason", null);
        triggeredBy = text(run, "triggeredBy", triggeredBy);
        createdAt = text(run, "createdAt", createdAt);
        durationMillis = run.hasNonNull("durationMillis") ? run.get("durationMillis").asLong() : null;
        return new Changes(!before.equals(status + "/" + phase + "/" + reason), List.of(), List.of());
    }

    /** A {@code role} event: its status and timing; its counts only while no host event of the role was seen. */
    public Changes applyRole(JsonNode role) {
        return applyRole(role, false);
    }

    private Changes applyRole(JsonNode view, boolean countsToo) {
        String name = view.path("name").asText();
        RoleProgress role = role(name);
        List<String> dependsOn = new ArrayList<>();
        view.path("dependsOn").forEach(dependency -> dependsOn.add(dependency.asText()));
        role.summary(view.path("status").asText("WAITING"), dependsOn, view.path("hosts").asInt(),
                view.path("succeeded").asInt(), view.path("skipped").asInt(), view.path("active").asInt(),
                view.path("failed").asInt(),
                view.hasNonNull("durationMillis") ? view.get("durationMillis").asLong() : null, countsToo);
        if (countsToo) {
            hostsOfRoleForgotten(name);
        }
        return roleChanges();
    }

    /** A {@code host} event: moves the host between its role's buckets; a failure is reported once. */
    public Changes applyHost(JsonNode host) {
        String hostId = host.path("hostId").asText();
        String roleName = host.path("role").asText();
        RoleProgress role = role(roleName);
        String status = host.path("status").asText();
        String phase = host.path("phase").asText();
        HostBucket bucket = HostBucket.of(status, phase);
        HostActivity activity = HostActivity.of(status, phase);
        if (!role.countedFromHosts()) {
            hostsOfRoleForgotten(roleName); // counting starts afresh from this event on
        }
        HostSeen previous = hosts.put(hostId, new HostSeen(roleName, bucket, activity));
        role.move(previous == null ? null : previous.bucket(), bucket);
        role.moveActivity(previous == null ? null : previous.activity(), activity);
        Changes changes = roleChanges();
        if (bucket == HostBucket.FAILED) {
            changes = changes.plus(failures(List.of(Failure.of(host))));
        }
        return changes;
    }

    /** Failed hosts as listed by the orchestrator; those not reported yet are new. */
    public Changes addFailures(Collection<JsonNode> failedHosts) {
        return failures(failedHosts.stream().map(Failure::of).toList());
    }

    private Changes failures(List<Failure> candidates) {
        List<Failure> fresh = new ArrayList<>();
        for (Failure failure : candidates) {
            if (reportedFailures.add(failure.key())) {
                fresh.add(failure);
            }
        }
        return new Changes(false, List.of(), fresh);
    }

    private void hostsOfRoleForgotten(String roleName) {
        hosts.values().removeIf(seen -> seen.role().equals(roleName));
        role(roleName).activitiesForgotten();
    }

    private RoleProgress role(String name) {
        return roles.computeIfAbsent(name, RoleProgress::new);
    }

    /** Every role line that differs from the one shown last: a role that became ready changes its dependents too. */
    private Changes roleChanges() {
        List<RoleProgress.Line> changed = new ArrayList<>();
        for (RoleProgress.Line line : roles()) {
            if (!Objects.equals(shown.put(line.name(), line), line)) {
                changed.add(line);
            }
        }
        return changed.isEmpty() ? Changes.none() : new Changes(false, List.copyOf(changed), List.of());
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? otherwise : value.asText();
    }

    public String runId() {
        return runId;
    }

    public String deploymentName() {
        return deploymentName;
    }

    public String status() {
        return status;
    }

    public String phase() {
        return phase;
    }

    public String reason() {
        return reason;
    }

    public String triggeredBy() {
        return triggeredBy;
    }

    public String createdAt() {
        return createdAt;
    }

    public Long durationMillis() {
        return durationMillis;
    }

    public boolean ended() {
        return ENDED.contains(status);
    }

    public List<RoleProgress.Line> roles() {
        return roles.values().stream().map(role -> role.line(notReady(role.dependsOn()))).toList();
    }

    private List<String> notReady(List<String> dependencies) {
        return dependencies.stream().filter(name -> {
            RoleProgress dependency = roles.get(name);
            return dependency == null || !"READY".equals(dependency.status());
        }).toList();
    }

    /** Failed hosts over every role, to notice (when polling) that the list of failures must be fetched again. */
    public int failedHosts() {
        return roles().stream().mapToInt(RoleProgress.Line::failed).sum();
    }
}
