package org.staypuft.registry.templates;

import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * What a provisioning template can use, by these names (e.g. {@code {hostName}}). Every value is checked to contain
 * nothing a shell or a kickstart would interpret, so templates may put them inside single quotes as they are.
 *
 * @param hostName the host's name, which the agent also uses as its certname: RFC 1123
 * @param puppetServer {@code host[:port]} of the puppet server
 * @param sshUser whose {@code authorized_keys} gets the proxy's key
 * @param proxyPublicKey the proxy's key, a validated {@code authorized_keys} line
 * @param environment the puppet environment the host is classified in
 * @param token the one-time build token; already part of the URLs
 * @param finishScript the rendered {@code finish.sh}, null while it is itself being rendered
 * @param finishScriptLines the same, line by line, for indenting it into YAML
 */
@TemplateData
public record TemplateModel(
        String hostId,
        String hostName,
        String puppetServer,
        String sshUser,
        String proxyPublicKey,
        String environment,
        String kickstartUrl,
        String userDataUrl,
        String builtUrl,
        String token,
        String finishScript,
        List<String> finishScriptLines) {

    TemplateModel withFinishScript(String script) {
        String trimmed = script.stripTrailing();
        return new TemplateModel(hostId, hostName, puppetServer, sshUser, proxyPublicKey, environment, kickstartUrl,
                userDataUrl, builtUrl, token, trimmed, trimmed.lines().toList());
    }
}
