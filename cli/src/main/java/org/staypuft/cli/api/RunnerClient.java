package org.staypuft.cli.api;

import org.staypuft.cli.http.ServiceHttp;

/** The puppet runner: the proxy's public key that hosts must trust. */
public final class RunnerClient {

    private final ServiceHttp http;

    public RunnerClient(ServiceHttp http) {
        this.http = http;
    }

    /** The {@code authorized_keys} line of the proxy's key. */
    public String publicKey() {
        return http.getText("/api/v1/ssh/public-key").body().strip();
    }
}
