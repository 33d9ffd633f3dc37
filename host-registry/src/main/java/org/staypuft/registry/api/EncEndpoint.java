package org.staypuft.registry.api;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.kit.proxykey.ProxyKeyUnavailableException;
import org.staypuft.kit.secrets.SealedValueException;
import org.staypuft.registry.classification.AmbiguousCertnameException;
import org.staypuft.registry.classification.ConfigurationNotReceivedException;
import org.staypuft.registry.classification.EncYaml;
import org.staypuft.registry.classification.NodeClassifier;
import org.staypuft.registry.config.RegistryConfig;
import org.staypuft.registry.enc.EncSecret;
import org.staypuft.registry.enc.EncUnavailableException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Puppet's External Node Classifier, {@code GET /api/v1/enc/{certname}}, on a port of its own
 * ({@code staypuft.registry.enc.port}). The puppet server calls it through {@code staypuft-enc}, the script of its
 * {@code exec} node terminus, with the shared secret as a bearer credential; any answer but 200 makes that script,
 * and so the catalog request, fail. Its own port is what lets a network policy open it to the puppet server alone:
 * the hosts reach the main port for their build callback, and must not read every role's parameters.
 */
@ApplicationScoped
public class EncEndpoint {

    public static final String PATH = "/api/v1/enc/";
    public static final String YAML = "text/yaml";
    private static final String BEARER = "Bearer ";
    /** As {@code staypuft-enc} lets through: host names and host ids. */
    private static final Pattern CERTNAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,252}");
    private static final Logger LOG = Logger.getLogger(EncEndpoint.class);

    @Inject
    Vertx vertx;

    @Inject
    RegistryConfig config;

    @Inject
    EncSecret secret;

    @Inject
    NodeClassifier classifier;

    @Inject
    ObjectMapper json;

    private volatile HttpServer server;

    void start(@Observes StartupEvent event) {
        Router router = Router.router(vertx);
        router.get(PATH + ":certname").blockingHandler(this::classify, false);
        router.route().handler(context -> problem(context, 404,
                "this port serves only GET " + PATH + "{certname}"));
        HttpServerOptions options = new HttpServerOptions().setHost(config.enc().host()).setPort(config.enc().port());
        server = vertx.createHttpServer(options).requestHandler(router).listen().toCompletionStage()
                .toCompletableFuture().join();
        LOG.infof("Node classifier (ENC) listening on %s:%d", config.enc().host(), server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The port the ENC listens on (a free one when configured as 0). */
    public int port() {
        return server.actualPort();
    }

    private void classify(RoutingContext context) {
        try {
            if (!secret.accepts(bearer(context))) {
                context.response().putHeader("WWW-Authenticate", "Bearer realm=\"staypuft-enc\"");
                problem(context, 401, "the ENC answers only the puppet server: send the shared "
                        + "secret of staypuft-enc's --secret-file as a bearer credential");
                return;
            }
            String certname = context.pathParam("certname");
            if (!CERTNAME.matcher(certname).matches()) {
                problem(context, ProblemBody.of(400, "certname", "certname: not a host name or host id"));
                return;
            }
            Optional<String> yaml = classifier.classify(certname).map(EncYaml::write);
            if (yaml.isPresent()) {
                context.response().putHeader("Content-Type", YAML).end(yaml.get());
            } else {
                problem(context, 404, "No host with certname '" + certname + "'");
            }
        } catch (EncUnavailableException | ConfigurationNotReceivedException | ProxyKeyUnavailableException
                | SealedValueException e) {
            LOG.warn(e.getMessage());
            problem(context, 503, e.getMessage());
        } catch (AmbiguousCertnameException e) {
            problem(context, 409, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("The ENC failed to classify a node", e);
            problem(context, 500, "the classification failed; see the registry's log");
        }
    }

    private static Optional<String> bearer(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).strip());
    }

    private void problem(RoutingContext context, int status, String detail) {
        problem(context, ProblemBody.of(status, null, detail));
    }

    /** The same RFC 9457 body as the registry's main port (service-kit's {@link ProblemBody}). */
    private void problem(RoutingContext context, ProblemBody body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            text = "{\"status\":" + body.status() + "}";
        }
        context.response().setStatusCode(body.status()).putHeader("Content-Type", ProblemBody.MEDIA_TYPE).end(text);
    }
}
