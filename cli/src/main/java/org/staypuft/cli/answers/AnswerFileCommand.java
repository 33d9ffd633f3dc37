package org.staypuft.cli.answers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.Session;
import org.staypuft.cli.StaypuftCli;
import org.staypuft.cli.api.ListenerClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code staypuft answer-file}: the answer file of the client installer (registration URL, a new registration token,
 * the proxy's public key, the puppet server), and how an operator uses it.
 */
@Command(name = "answer-file", description = {
        "Makes the client installer's answer file for hosts Staypuft cannot provision: the registration URL, a new registration token, the proxy's public key and the puppet server.",
        "With -o it writes the file (readable by you only: it holds the token) and prints what to do with it; without, it prints the file on stdout and the instructions on stderr."}, mixinStandardHelpOptions = true)
public class AnswerFileCommand implements Callable<Integer> {

    /** The installer's own check of puppet_server: refuse early what it would refuse on every host. */
    private static final Pattern HOST_AND_PORT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9.-]{0,252}(:[0-9]{1,5})?$");

    /** What the CLI puts in a file it makes itself when the listener has no answer-file endpoint. */
    static final String DEFAULT_PUPPET_SERVER = "puppet";

    @Option(names = "--ttl", paramLabel = "DURATION", description = "How long the registration token is valid, ISO-8601 such as P7D or PT12H (default: the listener's, P1D).")
    String ttl;

    @Option(names = "--puppet-server", paramLabel = "HOST[:PORT]", description = "The puppet server the hosts' agent uses (default: the listener's configured one).")
    String puppetServer;

    @Option(names = "--ssh-user", paramLabel = "USER", description = "The user Staypuft connects as, whose authorized_keys gets the proxy's key (default: the listener's, root).")
    String sshUser;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the registration token is for (default: who made the file).")
    String description;

    @Option(names = "--registration-url", paramLabel = "URL", description = "The registration URL as the hosts reach it, e.g. https://staypuft.example.com:8081/api/v1/registrations (default: the listener's public URL).")
    String registrationUrl;

    @Option(names = {"-o", "--file"}, paramLabel = "FILE", description = "Write the answer file here.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return StaypuftCli.of(spec).run(spec, session -> {
            validate();
            ListenerClient listener = session.listener();
            // Only what was asked for: the listener fills in its configured defaults.
            ObjectNode request = Output.JSON.createObjectNode();
            putIfGiven(request, "ttl", ttl);
            putIfGiven(request, "description", description);
            putIfGiven(request, "puppetServer", puppetServer);
            putIfGiven(request, "sshUser", sshUser);
            putIfGiven(request, "registrationUrl", registrationUrl);
            Optional<String> fromListener = listener.answerFile(request);
            String content;
            if (fromListener.isPresent()) {
                content = fromListener.get();
            } else {
                // An older listener without the endpoint: the same file from its token API and the runner's key.
                JsonNode token = listener.issueRegistrationToken(description != null
                        ? description
                        : "staypuft answer-file, " + session.environment().clock().instant(), ttl);
                content = AnswerFile.compose(registrationUrl != null
                        ? registrationUrl
                        : listener.baseUrl() + "/api/v1/registrations", token, session.runner().publicKey(),
                        puppetServer != null ? puppetServer : DEFAULT_PUPPET_SERVER, sshUser,
                        session.environment().clock());
            }
            return deliver(session, AnswerFile.parse(content), content, fromListener.isPresent());
        });
    }

    private int deliver(Session session, AnswerFile answers, String content, boolean madeByListener) {
        Output output = session.output();
        Optional<String> localWarning = answers.localhostWarning();
        if (file != null) {
            write(session.environment().workingDirectory().resolve(file), content);
        } else {
            output.raw(content.endsWith("\n") ? content : content + "\n");
        }
        ObjectNode result = Output.JSON.createObjectNode();
        result.put("file", file == null ? null : file.toString());
        result.put("madeBy", madeByListener ? "discovery-listener" : "cli");
        result.set("answers", answers.toJson());
        if (file == null) {
            result.put("content", content); // nowhere else: it holds the token
        }
        localWarning.ifPresent(warning -> result.put("warning", warning));
        output.json(result);

        String name = file == null ? "client-installer.answers" : file.getFileName().toString();
        for (String line : AnswerFile.instructions(file == null ? null : file.toString(), name, answers)) {
            if (file != null) {
                output.line(line);
            } else {
                output.note(line);
            }
        }
        localWarning.ifPresent(warning -> output.note("Warning: " + warning));
        return ExitCode.OK;
    }

    private static void putIfGiven(ObjectNode request, String field, String value) {
        if (value != null) {
            request.put(field, value);
        }
    }

    private void validate() {
        try {
            if (ttl != null && (Duration.parse(ttl).isNegative() || Duration.parse(ttl).isZero())) {
                throw CliException.usage("--ttl must be positive, e.g. P7D or PT12H");
            }
        } catch (DateTimeParseException e) {
            throw CliException.usage("--ttl '" + ttl + "' is not an ISO-8601 duration such as P7D or PT12H");
        }
        if (puppetServer != null && !HOST_AND_PORT.matcher(puppetServer).matches()) {
            throw CliException
                    .usage("--puppet-server '" + puppetServer + "' is not a host name (with an optional :port)");
        }
    }

    private static void write(Path target, String content) {
        try {
            Files.deleteIfExists(target);
            try {
                Files.createFile(target,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(target); // not a POSIX file system
            }
            Files.writeString(target, content.endsWith("\n") ? content : content + "\n");
        } catch (IOException e) {
            throw CliException.usage("cannot write " + target + ": " + e.getMessage());
        }
    }
}
