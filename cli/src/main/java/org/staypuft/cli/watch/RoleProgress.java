package org.staypuft.cli.watch;

import java.util.ArrayList;
import java.util.List;

/**
 * One role of a run as the progress bars show it. Counts come from the run's role summary until host events of the
 * role arrive on the live stream; from then on they are counted from those events, which are more current (the
 * summary only changes on the role's own status changes).
 */
public final class RoleProgress {

    /**
     * What is drawn for a role; equal lines need no redraw.
     *
     * @param waitingFor the roles it depends on that are not ready yet (while it waits)
     * @param preparing its hosts in their PREPARE step (provisioning or the {@code discovery} run)
     * @param enabling its hosts in the run that re-enables the agent
     */
    public record Line(String name, String status, int total, int done, int skipped, int running, int failed,
            Long durationMillis, List<String> waitingFor, int preparing, int enabling) {

        public Line {
            waitingFor = List.copyOf(waitingFor);
        }

        /** Hosts neither done, running nor failed. */
        public int waiting() {
            return Math.max(0, total - done - running - failed);
        }

        /**
         * The status and what the role is doing: "WAITING for controller, preparing 20 hosts", "READY, re-enabling
         * the agent on 3 hosts", or the status alone.
         */
        public String doing() {
            List<String> parts = new ArrayList<>();
            if (!waitingFor.isEmpty()) {
                parts.add("for " + String.join(", ", waitingFor));
            }
            if (preparing > 0) {
                parts.add("preparing " + hosts(preparing));
            }
            if (enabling > 0) {
                parts.add("re-enabling the agent on " + hosts(enabling));
            }
            if (parts.isEmpty()) {
                return status;
            }
            String first = parts.remove(0);
            String rest = parts.isEmpty() ? "" : ", " + String.join(", ", parts);
            return status + (first.startsWith("for ") ? " " : ", ") + first + rest;
        }

        private static String hosts(int count) {
            return count + (count == 1 ? " host" : " hosts");
        }
    }

    private final String name;
    private String status = "WAITING";
    private int total;
    private int done;
    private int skipped;
    private int running;
    private int failed;
    private Long durationMillis;
    private List<String> dependsOn = List.of();
    private int preparing;
    private int enabling;
    private boolean countedFromHosts;

    RoleProgress(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String status() {
        return status;
    }

    List<String> dependsOn() {
        return dependsOn;
    }

    /** The line, given which of the roles it depends on are not ready yet. */
    Line line(List<String> dependenciesNotReady) {
        return new Line(name, status, Math.max(total, done + running + failed), done, skipped, running, failed,
                durationMillis, "WAITING".equals(status) ? dependenciesNotReady : List.of(), preparing, enabling);
    }

    void summary(String status, List<String> dependsOn, int total, int succeeded, int skipped, int active, int failed,
            Long durationMillis, boolean countsToo) {
        this.status = status;
        if (!dependsOn.isEmpty()) {
            this.dependsOn = List.copyOf(dependsOn);
        }
        this.total = total;
        this.durationMillis = durationMillis;
        if (countsToo || !countedFromHosts) {
            this.done = succeeded + skipped;
            this.skipped = skipped;
            this.running = active;
            this.failed = failed;
            this.countedFromHosts = false;
        }
    }

    /** Moves one host from one bucket to another; the first host event switches counting to host events. */
    void move(HostBucket from, HostBucket to) {
        if (!countedFromHosts) {
            countedFromHosts = true;
            done = 0;
            skipped = 0;
            running = 0;
            failed = 0;
        }
        add(from, -1);
        add(to, 1);
    }

    /** Moves one host from one activity to another (counted from host events only). */
    void moveActivity(HostActivity from, HostActivity to) {
        addActivity(from, -1);
        addActivity(to, 1);
    }

    /** Host events are counted afresh: the activities they told are forgotten with them. */
    void activitiesForgotten() {
        preparing = 0;
        enabling = 0;
    }

    private void addActivity(HostActivity activity, int delta) {
        if (activity == HostActivity.PREPARING) {
            preparing += delta;
        } else if (activity == HostActivity.ENABLING) {
            enabling += delta;
        }
    }

    boolean countedFromHosts() {
        return countedFromHosts;
    }

    private void add(HostBucket bucket, int delta) {
        if (bucket == null) {
            return;
        }
        switch (bucket) {
            case DONE -> done += delta;
            case SKIPPED -> {
                done += delta;
                skipped += delta;
            }
            case RUNNING -> running += delta;
            case FAILED -> failed += delta;
            case WAITING -> {
            }
        }
    }
}
