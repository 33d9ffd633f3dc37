package org.staypuft.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.staypuft.events.deployment.DeploymentConfigured;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stay small; only the raw facts, on their own topic, may be large. */
class EventSizeTest {

    private static final int EVENT_LIMIT = 64 * 1024;
    private static final int FACTS_LIMIT = 1024 * 1024;

    @ParameterizedTest
    @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "HOST_FACTS_RECORDED")
    void eventStaysUnder64KiB(EventType type) {
        assertThat(encodedSize(SampleEvents.full(type))).as("%s, full", type).isLessThan(EVENT_LIMIT);
        assertThat(encodedSize(SampleEvents.atLimits(type))).as("%s, at its limits", type).isLessThan(EVENT_LIMIT);
    }

    @Test
    void deploymentConfigurationAtItsPayloadCapFitsAnEvent() {
        DeploymentConfigured atCap = SampleEvents.configuredAtThePayloadCap();

        assertThat(EventCodec.encodePayload(atCap).length).as("payload of the sample at the cap")
                .isLessThanOrEqualTo(DeploymentConfigured.MAX_PAYLOAD_BYTES)
                .isGreaterThan(DeploymentConfigured.MAX_PAYLOAD_BYTES - 4200);
        assertThat(encodedSize(atCap)).isLessThan(EVENT_LIMIT);
    }

    @Test
    void rawFactsOfARealHostFitTheFactsTopic() {
        assertThat(encodedSize(SampleEvents.full(EventType.HOST_FACTS_RECORDED))).isLessThan(FACTS_LIMIT);
    }

    private static int encodedSize(StaypuftEvent payload) {
        return KafkaRecords.size(EventCodec.toRecord(EventEnvelope.wrap("/staypuft/contract-test", payload)));
    }
}
