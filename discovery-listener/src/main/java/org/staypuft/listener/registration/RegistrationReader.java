package org.staypuft.listener.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.staypuft.events.host.SshAccess;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.listener.facts.Facts;
import org.staypuft.listener.facts.IpAddresses;
import org.staypuft.listener.facts.MacAddress;
import org.staypuft.listener.facts.SshHostKeys;
import org.staypuft.listener.request.JsonBodies;
import org.staypuft.listener.request.RefusedException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates a registration request field by field, refusing the first problem with the field's name. */
final class RegistrationReader {

    static final String HOSTNAME = "hostname";
    static final String ADDRESS = "address";
    static final String MAC = "mac";
    static final String SSH_HOST_KEYS = "sshHostKeys";
    static final String FACTS = "facts";
    static final String SSH = "ssh";

    private RegistrationReader() {
    }

    static Registration read(ObjectNode request) {
        JsonBodies.onlyFields(request, java.util.Set.of(HOSTNAME, ADDRESS, MAC, SSH_HOST_KEYS, FACTS, SSH));
        String rawHostname = requiredText(request, HOSTNAME);
        String hostname = HostNames.normalizeOrNull(rawHostname);
        if (hostname == null) {
            throw invalid(HOSTNAME, "invalid-hostname", "hostname '" + shorten(rawHostname)
                    + "' is not an RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, "
                    + "at most 63 characters each");
        }

        String address = requiredText(request, ADDRESS);
        if (!IpAddresses.isIpv4(address)
                && !(IpAddresses.isIpv6(address) && !IpAddresses.isLinkLocalIpv6(address))) {
            throw invalid(ADDRESS, "invalid-ip", "address '" + shorten(address)
                    + "' is not an IPv4 or global IPv6 address");
        }

        String rawMac = requiredText(request, MAC);
        MacAddress mac = MacAddress.parseOrNull(rawMac);
        if (mac == null) {
            throw invalid(MAC, "invalid-mac", "mac '" + shorten(rawMac)
                    + "' is not a MAC address (expected six hex pairs such as 52:54:00:12:34:56)");
        }
        if (mac.whyNotAHost() != null) {
            throw invalid(MAC, "invalid-mac", "mac '" + mac + "' is " + mac.whyNotAHost() + ", not a host's NIC");
        }

        List<SshHostKey> keys = sshHostKeys(request.get(SSH_HOST_KEYS));

        JsonNode facts = request.get(FACTS);
        if (facts != null && !facts.isNull() && !facts.isObject()) {
            throw invalid(FACTS, "invalid-facts", "facts must be a JSON object of fact name to value");
        }
        SshAccess ssh = ssh(request.get(SSH));
        return new Registration(hostname, IpAddresses.isIpv4(address) ? address : address.toLowerCase(Locale.ROOT),
                mac, keys, facts == null || facts.isNull() ? null : (ObjectNode) facts, ssh);
    }

    /** The optional {@code ssh: {port, user}}: how the runner reaches this host; null when absent or empty. */
    private static SshAccess ssh(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(SSH, "invalid-ssh", "ssh must be an object: {\"port\": 2222, \"user\": \"deploy\"}");
        }
        Integer port = null;
        JsonNode portNode = node.get("port");
        if (portNode != null && !portNode.isNull()) {
            if (!portNode.isIntegralNumber() || !portNode.canConvertToInt() || portNode.intValue() < SshAccess.MIN_PORT
                    || portNode.intValue() > SshAccess.MAX_PORT) {
                throw invalid(SSH + ".port", "invalid-ssh-port", "ssh.port must be a whole number from "
                        + SshAccess.MIN_PORT + " to " + SshAccess.MAX_PORT + ", not " + shorten(portNode.toString()));
            }
            port = portNode.intValue();
        }
        String user = null;
        JsonNode userNode = node.get("user");
        if (userNode != null && !userNode.isNull()) {
            if (!userNode.isTextual() || !SshAccess.USER.matcher(userNode.asText()).matches()) {
                throw invalid(SSH + ".user", "invalid-ssh-user", "ssh.user must be a POSIX user name (lower case "
                        + "letters, digits, _ and -, starting with a letter or _, at most 32), not "
                        + shorten(userNode.toString()));
            }
            user = userNode.asText();
        }
        return port == null && user == null ? null : new SshAccess(port, user);
    }

    private static List<SshHostKey> sshHostKeys(JsonNode node) {
        if (node == null || node.isNull()) {
            throw invalid(SSH_HOST_KEYS, "invalid-ssh-key", "sshHostKeys is required: the host's public keys, "
                    + "one 'algorithm base64' line each (/etc/ssh/ssh_host_*_key.pub)");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid(SSH_HOST_KEYS, "invalid-ssh-key", "sshHostKeys must be a non-empty array of key lines");
        }
        if (node.size() > SshHostKeys.MAX_KEYS) {
            throw invalid(SSH_HOST_KEYS, "invalid-ssh-key",
                    "sshHostKeys holds " + node.size() + " keys, at most " + SshHostKeys.MAX_KEYS + " are allowed");
        }
        List<SshHostKey> keys = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = SSH_HOST_KEYS + "[" + i + "]";
            if (!node.get(i).isTextual()) {
                throw invalid(field, "invalid-ssh-key", field + " must be a string");
            }
            try {
                SshHostKey key = SshHostKeys.fromLine(node.get(i).asText());
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            } catch (IllegalArgumentException e) {
                throw invalid(field, "invalid-ssh-key", field + ": " + e.getMessage());
            }
        }
        return keys;
    }

    private static String requiredText(ObjectNode request, String field) {
        JsonNode node = request.get(field);
        if (node != null && !node.isNull() && !node.isTextual()) {
            throw invalid(field, "invalid-" + field.toLowerCase(Locale.ROOT), field + " must be a string");
        }
        String text = Facts.textOf(node);
        if (text == null) {
            throw invalid(field, "missing-" + field.toLowerCase(Locale.ROOT), field + " is required");
        }
        return text;
    }

    private static RefusedException invalid(String field, String reason, String message) {
        return RefusedException.badRequest(field, reason, message);
    }

    private static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
