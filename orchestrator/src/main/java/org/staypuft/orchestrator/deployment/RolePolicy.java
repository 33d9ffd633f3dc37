package org.staypuft.orchestrator.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * How a role's hosts are driven: mode, slots, runs, failure tolerance and timeouts. A deployment role holds the
 * operator's settings; a run copies them when it starts, so editing the deployment never changes a running run.
 * Both tables use the same column names.
 */
@Embeddable
public class RolePolicy {

    /** {@code concurrent}, {@code serial} or {@code leader}. */
    @Column(nullable = false)
    public String mode;

    @Column(name = "max_concurrent", nullable = false)
    public int maxConcurrent;

    @Column(name = "puppet_runs", nullable = false)
    public int puppetRuns;

    /** Null when the tolerance is a percentage or none. */
    @Column(name = "tolerated_failures")
    public Integer toleratedFailures;

    @Column(name = "tolerated_failure_percent")
    public Integer toleratedFailurePercent;

    @Column(name = "provisioning_timeout_s", nullable = false)
    public int provisioningTimeoutSeconds;

    @Column(name = "ssh_ready_timeout_s", nullable = false)
    public int sshReadyTimeoutSeconds;

    @Column(name = "puppet_run_timeout_s", nullable = false)
    public int puppetRunTimeoutSeconds;

    /** The hosts' SSH port; null: {@code staypuft.orchestrator.ssh-port}. */
    @Column(name = "ssh_port")
    public Integer sshPort;

    /** The user the runner logs in as; null: {@code staypuft.orchestrator.ssh-user}. */
    @Column(name = "ssh_user")
    public String sshUser;

    /** Whether the role waits for an operator's approval before it starts (and before its hosts are prepared). */
    @Column(name = "approval_required", nullable = false)
    public boolean approvalRequired;

    /** How long it waits for the approval before it fails; null: as long as it takes. */
    @Column(name = "approval_timeout_s")
    public Integer approvalTimeoutSeconds;

    public RolePolicy copy() {
        RolePolicy copy = new RolePolicy();
        copy.mode = mode;
        copy.maxConcurrent = maxConcurrent;
        copy.puppetRuns = puppetRuns;
        copy.toleratedFailures = toleratedFailures;
        copy.toleratedFailurePercent = toleratedFailurePercent;
        copy.provisioningTimeoutSeconds = provisioningTimeoutSeconds;
        copy.sshReadyTimeoutSeconds = sshReadyTimeoutSeconds;
        copy.puppetRunTimeoutSeconds = puppetRunTimeoutSeconds;
        copy.sshPort = sshPort;
        copy.sshUser = sshUser;
        copy.approvalRequired = approvalRequired;
        copy.approvalTimeoutSeconds = approvalTimeoutSeconds;
        return copy;
    }

    /** Whether {@code failed} of {@code hostCount} hosts failing still lets the role be ready. */
    public boolean tolerates(int failed, int hostCount) {
        if (toleratedFailurePercent != null) {
            return failed * 100L <= (long) toleratedFailurePercent * hostCount;
        }
        return failed <= (toleratedFailures == null ? 0 : toleratedFailures);
    }

    /** For messages: "20% tolerated", "2 tolerated". */
    public String toleranceText() {
        return toleratedFailurePercent != null
                ? toleratedFailurePercent + "% tolerated"
                : (toleratedFailures == null ? 0 : toleratedFailures) + " tolerated";
    }

    public boolean toleratesFailures() {
        return toleratedFailures != null || toleratedFailurePercent != null;
    }
}
