package org.staypuft.cli.watch;

/**
 * One role of a run as the progress bars show it. Counts come from the run's role summary until host events of the
 * role arrive on the live stream; from then on they are counted from those events, which are more current (the
 * summary only changes on the role's own status changes).
 */
public final class RoleProgress {

    /** What is drawn for a role; equal lines need no redraw. */
    public record Line(String name, String status, int total, int done, int skipped, int running, int failed,
            Long durationMillis) {

        /** Hosts neither done, running nor failed. */
        public int waiting() {
            return Math.max(0, total - done - running - failed);
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
    private boolean countedFromHosts;

    RoleProgress(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Line line() {
        return new Line(name, status, Math.max(total, done + running + failed), done, skipped, running, failed,
                durationMillis);
    }

    void summary(String status, int total, int succeeded, int skipped, int active, int failed, Long durationMillis,
            boolean countsToo) {
        this.status = status;
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
