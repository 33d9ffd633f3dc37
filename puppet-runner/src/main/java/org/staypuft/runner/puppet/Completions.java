package org.staypuft.runner.puppet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;

/** Builds the completed event of a request. */
final class Completions {

    private Completions() {
    }

    static PuppetRunCompleted of(RequestPuppetRun request, AttemptResult.Finished result, int attempts) {
        PuppetReports.Receipt receipt = result.receipt();
        return new PuppetRunCompleted(request.requestId(), request.deploymentId(), request.runId(), request.stepId(),
                request.hostId(), request.purpose(), result.outcome(), result.exitCode(), result.reason(),
                result.resources(), result.changedResources(), result.failedResources(), result.durationMillis(),
                result.outputTail(), Math.max(1, attempts), null,
                receipt == null ? null : receipt.transactionUuid(),
                receipt == null ? null : receipt.catalogUuid(),
                receipt == null ? null : receipt.codeId(),
                receipt == null ? null : receipt.correctiveChange(),
                result.agentState(),
                receipt == null ? null : receipt.service());
    }

    /**
     * The reason of a request that reached the front of the queue after its {@code notAfter}: nothing ran, and the
     * reason names the deadline.
     */
    static String expiredReason(RequestPuppetRun request, Instant now) {
        return "EXPIRED: not started by the request's notAfter " + request.notAfter() + " (the runner got to it at "
                + now.truncatedTo(ChronoUnit.SECONDS) + "); nothing ran on the host";
    }

    /**
     * A request that never ran: refused by validation, or lost to a crash. The contract counts at least one attempt
     * (the refusal is one); the reason says that nothing ran.
     */
    static PuppetRunCompleted without(RequestPuppetRun request, RunOutcome outcome, String reason, int attempts) {
        return new PuppetRunCompleted(request.requestId(), request.deploymentId(), request.runId(), request.stepId(),
                request.hostId(), request.purpose(), outcome, null, reason, null, List.of(), List.of(), 0, null,
                Math.max(1, attempts));
    }
}
