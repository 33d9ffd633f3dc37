package org.staypuft.events.puppet;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;

import static org.assertj.core.api.Assertions.assertThat;

/** "Interrupted by a runner stop" is a typed field now; events from runners before it say so in the reason. */
class InterruptedMarkerTest {

    private static final RequestPuppetRun REQUEST = new RequestPuppetRun("req-1", "dep-1", "run-1",
            "run-1/h/deploy-1/1",
            "h", "h.example.com", "192.0.2.10", 22, "root", "production", RunPurpose.DEPLOY, List.of(), 0, 60);

    @Test
    void anInterruptedRunCarriesTheFieldAndStillThePrefix() throws Exception {
        PuppetRunCompleted interrupted = PuppetRunCompleted.interruptedRun(REQUEST, "the runner stopped", 0);

        assertThat(interrupted.interrupted()).isTrue();
        assertThat(interrupted.reason()).startsWith(PuppetRunCompleted.INTERRUPTED_REASON_PREFIX);
        assertThat(interrupted.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(interrupted.attempts()).isEqualTo(1);
        assertThat(PuppetRunCompleted.interruptedByRunnerStop(interrupted)).isTrue();
        String json = EventCodec.mapper().writeValueAsString(interrupted);
        assertThat(json).contains("\"interrupted\":true");
    }

    @Test
    void anEventOfAnOlderRunnerIsUnderstoodByItsReasonPrefix() {
        String old = """
                {"requestId":"req-1","deploymentId":"dep-1","runId":"run-1","stepId":"s","hostId":"h",
                 "purpose":"DEPLOY","outcome":"FAILED","reason":"interrupted: the runner stopped",
                 "changedResources":[],"failedResources":[],"durationMillis":0,"attempts":1}""";
        PuppetRunCompleted read = EventCodec.decodePayload(old.getBytes(StandardCharsets.UTF_8),
                PuppetRunCompleted.class);

        assertThat(read.interrupted()).isNull();
        assertThat(PuppetRunCompleted.interruptedByRunnerStop(read)).isTrue();
    }

    @Test
    void theFieldWinsOverTheReasonAndAbsenceMeansNotInterrupted() {
        PuppetRunCompleted finished = new PuppetRunCompleted("req-1", "dep-1", "run-1", "s", "h", RunPurpose.DEPLOY,
                RunOutcome.FAILED, null, "interrupted: looks like it", null, List.of(), List.of(), 0, null, 1, false);
        PuppetRunCompleted plain = new PuppetRunCompleted("req-1", "dep-1", "run-1", "s", "h", RunPurpose.DEPLOY,
                RunOutcome.FAILED, 2, "1 resource failed", null, List.of(), List.of(), 0, null, 1);

        assertThat(PuppetRunCompleted.interruptedByRunnerStop(finished)).isFalse();
        assertThat(PuppetRunCompleted.interruptedByRunnerStop(plain)).isFalse();
    }
}
