package org.staypuft.stack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12 finding 7: the local stack's services listen on loopback unless told otherwise. */
class BindAddressTest {

    @Test
    void servicesListenOnLoopbackUnlessTheEnvironmentSaysOtherwise() {
        assertThat(LocalStack.bindAddress(Map.of())).isEqualTo("127.0.0.1");
        assertThat(LocalStack.bindAddress(Map.of(LocalStack.BIND_ADDRESS_VARIABLE, " "))).isEqualTo("127.0.0.1");
        assertThat(LocalStack.bindAddress(Map.of(LocalStack.BIND_ADDRESS_VARIABLE, "0.0.0.0"))).isEqualTo("0.0.0.0");
    }
}
