package org.staypuft.cli.answers;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.staypuft.cli.Output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The client installer's answer file: {@code key=value} lines (see client-installer/README.md), which the installer
 * reads without executing anything.
 */
final class AnswerFile {

    private final Map<String, String> answers;

    private AnswerFile(Map<String, String> answers) {
        this.answers = answers;
    }

    /** @param sshUser null for the installer's default (root) */
    static String compose(String registrationUrl, JsonNode token, String proxyPublicKey, String puppetServer,
            String sshUser, Clock clock) {
        String expires = token.path("expiresAt").asText("");
        return "# Staypuft client installer answers, made by 'staypuft answer-file' at " + clock.instant() + ".\n"
                + "# It holds a registration token" + (expires.isEmpty() ? "" : " valid until " + expires)
                + ": keep this file private.\n"
                + "registration_url=" + registrationUrl + "\n"
                + "registration_token=" + token.path("token").asText() + "\n"
                + "proxy_public_key=" + proxyPublicKey + "\n"
                + "puppet_server=" + puppetServer + "\n"
                + (sshUser == null ? "" : "ssh_user=" + sshUser + "\n");
    }

    /** As the installer reads it: the last line for a key wins, comments and blank lines are skipped. */
    static AnswerFile parse(String content) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String line : content.split("\\R")) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
                continue;
            }
            answers.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        return new AnswerFile(answers);
    }

    String get(String key) {
        return answers.get(key);
    }

    /** The token is left out: JSON output may end up in logs; the file has it. */
    ObjectNode toJson() {
        ObjectNode json = Output.JSON.createObjectNode();
        answers.forEach((key, value) -> {
            if (!key.equals("registration_token")) {
                json.put(key, value);
            }
        });
        return json;
    }

    /** A registration URL on localhost only works for hosts on this machine (simulated ones). */
    Optional<String> localhostWarning() {
        String url = answers.get("registration_url");
        if (url == null) {
            return Optional.empty();
        }
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            return Optional.of("registration_url " + url + " only works on this machine; for real hosts pass "
                    + "--registration-url with an address they reach.");
        }
        return Optional.empty();
    }

    /**
     * @param written where the file was written, or null when it went to stdout
     * @param name the file's name on the hosts
     */
    static List<String> instructions(String written, String name, AnswerFile answers) {
        List<String> lines = new ArrayList<>();
        lines.add(written != null
                ? "Answer file written to " + written + ". It holds a registration token: keep it private."
                : "Save the answer file above as " + name + " (e.g. staypuft answer-file -o " + name
                        + "). It holds a registration token: keep it private.");
        lines.add("");
        lines.add("On each host to register:");
        lines.add("  1. Copy the installer and the answer file to the host:");
        lines.add("       scp client-installer/staypuft-client-installer.sh " + name + " root@HOST:");
        lines.add("  2. Run the installer there as root (--dry-run first shows what it would do):");
        lines.add("       ssh root@HOST sh staypuft-client-installer.sh --answers " + name);
        lines.add(
                "     It stops and disables the puppet agent service, adds the proxy's SSH key to the authorized_keys");
        lines.add("     of " + Optional.ofNullable(answers.get("ssh_user")).orElse("root") + ", points the agent at "
                + Optional.ofNullable(answers.get("puppet_server")).orElse("the puppet server")
                + " and registers the host.");
        lines.add("  3. Success: it exits 0 and prints \"registered HOSTNAME (ADDRESS, MAC)\" (\"already registered\"");
        lines.add("     when run again). The host then appears in:  staypuft hosts list --kind registered");
        lines.add("     Other exit codes: 2 answer file invalid, 3 a local step failed, 4 token refused (expired or");
        lines.add("     revoked: make a new answer file), 5 Staypuft unreachable from the host.");
        return lines;
    }
}
