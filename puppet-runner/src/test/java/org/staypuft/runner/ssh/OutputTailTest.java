package org.staypuft.runner.ssh;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputTailTest {

    @Test
    void keepsTheEndStartingAtALine() {
        OutputTail tail = new OutputTail(16);
        byte[] output = "first line\nsecond line\nthird\n".getBytes(StandardCharsets.UTF_8);
        tail.write(output, 0, output.length);

        assertThat(tail.truncated()).isTrue();
        assertThat(tail.text()).isEqualTo("third\n");
    }

    @Test
    void shortOutputIsKeptWhole() {
        OutputTail tail = new OutputTail(4096);
        tail.write('o');
        tail.write('k');

        assertThat(tail.text()).isEqualTo("ok");
        assertThat(tail.truncated()).isFalse();
    }
}
