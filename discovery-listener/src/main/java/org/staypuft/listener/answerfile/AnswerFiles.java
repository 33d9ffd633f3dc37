package org.staypuft.listener.answerfile;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.listener.config.ListenerConfig;
import org.staypuft.listener.registration.RegistrationResource;
import org.staypuft.listener.token.IssuedToken;
import org.staypuft.listener.token.RegistrationTokenService;

/** Makes answer files: a new registration token, the proxy's key, the puppet server, the registration URL. */
@ApplicationScoped
public class AnswerFiles {

    private static final int MAX_DESCRIPTION = 255;

    @Inject
    ListenerConfig config;

    @Inject
    ProxyPublicKey proxyPublicKey;

    @Inject
    RegistrationTokenService tokens;

    /**
     * @param requestBase the base URL the operator's request came in on, used when no public URL is configured
     * @param operator who asks, named in the token's description when the request gives none
     */
    AnswerFile make(AnswerFileRequest request, URI requestBase, String operator) {
        // The key first: without it no answer file is any use, and a refused request must leave no token behind.
        String proxyKey = proxyPublicKey.require();
        String description = request.description() != null
                ? request.description()
                : shorten("answer file made by " + (operator == null ? "an operator" : operator));
        IssuedToken token = tokens.issue(description, request.ttl(), 1);
        String registrationUrl = request.registrationUrl() != null
                ? request.registrationUrl()
                : listenerUrl(requestBase) + RegistrationResource.PATH;
        return new AnswerFile(registrationUrl, token,
                proxyKey,
                request.puppetServer() != null ? request.puppetServer() : config.puppetServer(),
                request.sshUser() != null ? request.sshUser() : config.sshUser());
    }

    /** This listener as hosts reach it, without a trailing slash. */
    String listenerUrl(URI requestBase) {
        String base = config.publicUrl().orElse(requestBase.toString());
        return base.replaceAll("/+$", "");
    }

    String puppetServer() {
        return config.puppetServer();
    }

    String sshUser() {
        return config.sshUser();
    }

    private static String shorten(String description) {
        String line = InstallerValues.oneLine(description);
        return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION);
    }
}
