package org.staypuft.kit.rest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DotSegmentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/runs/../hosts", "/api/v1/runs/%2E%2E/hosts", "/api/v1/runs/%2e%2e%2fhosts",
            "/api/v1/runs/.%2E/hosts", "/api/v1/runs/..;/hosts", "/api/v1/runs/..;x=1/hosts", "/api/v1/hosts/x/%2E%2E",
            "/api/v1/hosts/..%5Cx", "/api/v1/hosts/.", "/q/health/%2E%2E/%2E%2E/api/v1/hosts", "/a/..",
            "/a/%2E"})
    void dotSegmentsPlainOrEncodedAreFound(String path) {
        assertThat(DotSegments.hasDotSegment(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/hosts", "/api/v1/hosts/db-1.example.com", "/api/v1/hosts/a..b",
            "/api/v1/hosts/...", "/api/v1/hosts/%252E%252E", "/api/v1/hosts/a%00b", "/api/v1/hosts/%FF%FE",
            "/api/v1/hosts/%", "/api/v1/hosts/%2", "/dashboard/assets/dashboard.js", "/"})
    void otherPathsPass(String path) {
        assertThat(DotSegments.hasDotSegment(path)).isFalse();
    }
}
