package org.staypuft.cli;

import java.net.http.HttpClient;
import java.util.Optional;

import org.staypuft.cli.api.ListenerClient;
import org.staypuft.cli.api.OrchestratorClient;
import org.staypuft.cli.api.RegistryClient;
import org.staypuft.cli.api.RunnerClient;
import org.staypuft.cli.api.WebhooksClient;
import org.staypuft.cli.http.BearerToken;
import org.staypuft.cli.http.Service;
import org.staypuft.cli.http.ServiceHttp;

/** One invocation of the CLI: where output goes, and the services' clients, made when first needed. */
public final class Session {

    private final StaypuftCli options;
    private final Output output;
    private final CliEnvironment environment;
    private HttpClient httpClient;
    private Optional<BearerToken> token;
    private OrchestratorClient orchestrator;

    Session(StaypuftCli options, Output output, CliEnvironment environment) {
        this.options = options;
        this.output = output;
        this.environment = environment;
    }

    public Output output() {
        return output;
    }

    public CliEnvironment environment() {
        return environment;
    }

    public OrchestratorClient orchestrator() {
        if (orchestrator == null) {
            orchestrator = new OrchestratorClient(http(Service.ORCHESTRATOR, options.orchestratorUrl));
        }
        return orchestrator;
    }

    public RegistryClient registry() {
        return new RegistryClient(http(Service.REGISTRY, options.registryUrl));
    }

    public ListenerClient listener() {
        return new ListenerClient(http(Service.LISTENER, options.listenerUrl));
    }

    public RunnerClient runner() {
        return new RunnerClient(http(Service.RUNNER, options.runnerUrl));
    }

    public WebhooksClient webhooks() {
        return new WebhooksClient(http(Service.WEBHOOKS, options.webhooksUrl));
    }

    private ServiceHttp http(Service service, String url) {
        if (httpClient == null) {
            httpClient = ServiceHttp.newClient();
        }
        if (token == null) {
            token = BearerToken.resolve(options.token, environment);
        }
        return new ServiceHttp(service, url, token.orElse(null), httpClient);
    }
}
