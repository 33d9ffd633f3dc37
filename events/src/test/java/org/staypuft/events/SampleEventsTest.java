package org.staypuft.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The samples the other contract tests rely on exist for every type and are of that type. */
class SampleEventsTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasSamplesOfItsPayloadClass(EventType type) {
        assertThat(SampleEvents.full(type)).as("full sample of %s", type).isInstanceOf(type.payloadType());
        assertThat(SampleEvents.minimal(type)).as("minimal sample of %s", type).isInstanceOf(type.payloadType());
        assertThat(SampleEvents.atLimits(type)).as("sample at limits of %s", type).isInstanceOf(type.payloadType());
        assertThat(EventType.of(SampleEvents.full(type))).isEqualTo(type);
    }
}
