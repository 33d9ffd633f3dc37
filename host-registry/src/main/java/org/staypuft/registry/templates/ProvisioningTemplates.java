package org.staypuft.registry.templates;

import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.registry.config.RegistryConfig;
import org.staypuft.registry.config.SafeValues;
import org.staypuft.registry.inventory.Host;
import org.staypuft.registry.inventory.HostRepository;
import org.staypuft.registry.keys.ProxyPublicKey;
import org.staypuft.registry.provisioning.BuildToken;
import org.staypuft.registry.provisioning.BuildTokens;
import org.staypuft.registry.provisioning.InvalidBuildTokenException;
import org.staypuft.registry.provisioning.UnattendedBaseUrl;
import org.staypuft.registry.provisioning.UnattendedUrls;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;

/**
 * Renders a host's provisioning templates for the holder of its build token. {@code finish.sh} (puppet agent
 * pointed at the server and left disabled, the proxy's key authorised, the built callback) is rendered first and
 * handed to the kickstart and the cloud-init user-data, so each of the three can be overridden on its own.
 */
@ApplicationScoped
public class ProvisioningTemplates {

    public static final String KICKSTART = "kickstart.ks";
    public static final String USER_DATA = "user-data.yaml";
    public static final String FINISH_SCRIPT = "finish.sh";

    private static final Variant PLAIN_TEXT = new Variant(Locale.ROOT, "text/plain", "UTF-8");
    /** Puppet environment names. */
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9_]+");

    @Inject
    Engine engine;

    @Inject
    TemplateSource sources;

    @Inject
    BuildTokens buildTokens;

    @Inject
    HostRepository hosts;

    @Inject
    RegistryConfig config;

    @Inject
    ProxyPublicKey proxyKey;

    @Inject
    UnattendedBaseUrl baseUrl;

    /**
     * @param requestBaseUri how the installer reached us; used when no base URL is configured
     * @throws InvalidBuildTokenException unless the token is usable
     */
    @Transactional
    public String render(String template, String token, URI requestBaseUri) {
        BuildToken buildToken = buildTokens.usable(token).orElseThrow(InvalidBuildTokenException::new);
        Host host = hosts.findById(buildToken.getHostId());
        if (host == null) {
            throw new InvalidBuildTokenException();
        }
        TemplateModel model = model(host, token, baseUrl.orRequested(requestBaseUri));
        return render(template, model.withFinishScript(render(FINISH_SCRIPT, model)));
    }

    private TemplateModel model(Host host, String token, UnattendedUrls urls) {
        String hostName = checked("host name", () -> SafeValues.hostName(host.getName()));
        String hostId = checked("host id", () -> SafeValues.hostName(host.getId()));
        String puppetServer = checked("staypuft.registry.puppet-server",
                () -> SafeValues.hostAndPort(config.puppetServer()));
        String sshUser = checked("staypuft.registry.ssh-user", () -> SafeValues.userName(config.sshUser()));
        String environment = host.getEnvironment();
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw new TemplateValueException("Host " + host.getId() + " has environment '" + environment
                    + "', which is not a Puppet environment name");
        }
        return new TemplateModel(hostId, hostName, puppetServer, sshUser, proxyKey.require(), environment,
                urls.kickstart(token), urls.userData(token), urls.built(token), token, null, null);
    }

    private String render(String name, TemplateModel model) {
        TemplateSource.Text text = sources.load(name);
        try {
            return engine.parse(text.content(), PLAIN_TEXT, name).data(model).render();
        } catch (TemplateException e) {
            throw new TemplateRenderingException("Template " + text.origin() + " does not render: " + e.getMessage(),
                    e);
        }
    }

    private static String checked(String what, Supplier<String> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new TemplateValueException("Cannot render templates: " + what + " " + e.getMessage());
        }
    }
}
