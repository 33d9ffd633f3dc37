package org.staypuft.listener.answerfile;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

import org.staypuft.listener.facts.Facts;
import org.staypuft.listener.request.JsonBodies;
import org.staypuft.listener.request.RefusedException;
import org.staypuft.listener.token.TokenRequestFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an operator may ask of an answer file, every field optional: an empty body gives the configured defaults.
 * Values the installer would refuse are refused here, naming the field.
 *
 * @param ttl the registration token's lifetime, null for the default
 * @param description what the token is for, null to describe it by its creator
 * @param puppetServer overrides {@code staypuft.listener.puppet-server}, or null
 * @param sshUser overrides {@code staypuft.listener.ssh-user}, or null
 * @param registrationUrl the whole registration URL as the hosts reach it, overriding the public URL, or null
 */
record AnswerFileRequest(Duration ttl, String description, String puppetServer, String sshUser,
        String registrationUrl) {

    static final String PUPPET_SERVER = "puppetServer";
    static final String SSH_USER = "sshUser";
    static final String REGISTRATION_URL = "registrationUrl";
    private static final Set<String> FIELDS = Set.of(TokenRequestFields.TTL, TokenRequestFields.DESCRIPTION,
            PUPPET_SERVER, SSH_USER, REGISTRATION_URL);

    static AnswerFileRequest read(byte[] body) {
        ObjectNode request = body == null || body.length == 0
                ? JsonNodeFactory.instance.objectNode()
                : JsonBodies.object(body);
        for (Iterator<String> names = request.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw RefusedException.badRequest(name, "unknown-field", "unknown field '" + shorten(name)
                        + "': an answer file takes ttl, description, puppetServer, sshUser and registrationUrl");
            }
        }
        String puppetServer = text(request, PUPPET_SERVER);
        if (puppetServer != null && !InstallerValues.isPuppetServer(puppetServer)) {
            throw invalid(PUPPET_SERVER, "puppetServer '" + shorten(puppetServer)
                    + "' is not a host name with an optional :port");
        }
        String sshUser = text(request, SSH_USER);
        if (sshUser != null && !InstallerValues.isSshUser(sshUser)) {
            throw invalid(SSH_USER, "sshUser '" + shorten(sshUser) + "' is not a user name (lower case letters, "
                    + "digits, _ and -, at most 32)");
        }
        String registrationUrl = text(request, REGISTRATION_URL);
        if (registrationUrl != null && !InstallerValues.isHttpUrl(registrationUrl)) {
            throw invalid(REGISTRATION_URL, "registrationUrl '" + shorten(registrationUrl)
                    + "' is not an absolute http(s) URL without query");
        }
        return new AnswerFileRequest(TokenRequestFields.ttl(request), TokenRequestFields.description(request),
                puppetServer, sshUser, registrationUrl);
    }

    private static String text(ObjectNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.isTextual() ? Facts.textOf(node) : null;
        if (text == null) {
            throw invalid(field, field + " must be a non-empty string");
        }
        return text;
    }

    private static RefusedException invalid(String field, String message) {
        return RefusedException.badRequest(field, "invalid-" + field, message);
    }

    private static String shorten(String value) {
        String line = InstallerValues.oneLine(value);
        return line.length() <= 64 ? line : line.substring(0, 64) + "...";
    }
}
