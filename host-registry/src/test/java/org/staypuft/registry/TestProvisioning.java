package org.staypuft.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.staypuft.events.EventType;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.testsupport.KafkaTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staypuft.registry.TestHosts.event;

/** A discovered host taken as far as the orchestrator takes it before the installer runs, and what it gets. */
final class TestProvisioning {

    /** {@code staypuft.registry.unattended.base-url} of the test profile. */
    static final String BASE_URL = "http://staypuft.test.example:8082";
    /** The proxy's key, from {@code staypuft.registry.proxy-public-key-file} of the test profile. */
    static final String PROXY_KEY = readProxyKey();

    private static final Pattern TOKEN_IN_URL = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    private TestProvisioning() {
    }

    /** What the orchestrator has once the registry answered its provisioning request. */
    record Provisioned(String hostId, String deploymentId, String stepId, RequestReboot reboot, String token) {
    }

    /** The start limit every test request carries: the registry must pass it on to the reboot unchanged. */
    static final String NOT_AFTER = "2099-01-01T00:00:00Z";

    /** Discovered, assigned, provisioning requested; the token comes from the kexec command line, as in real life. */
    static Provisioned provision(KafkaTestClient kafka) {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        String stepId = "run-" + id + "/" + id + "/provision/1";
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        kafka.send(event(new HostAssigned(id, deployment, "overcloud", "Controller", "discovery")));
        kafka.send(event(new ProvisioningRequested(id, deployment, "run-" + id, stepId, NOT_AFTER)));
        RequestReboot reboot = TestHosts.awaitEvent(kafka, EventType.REBOOT_REQUESTED, id,
                (RequestReboot request) -> stepId.equals(request.requestId()));
        return new Provisioned(id, deployment, stepId, reboot, tokenIn(reboot.kexecAppend()));
    }

    static String tokenIn(String text) {
        Matcher matcher = TOKEN_IN_URL.matcher(text);
        assertThat(matcher.find()).as("a build token in %s", text).isTrue();
        return matcher.group(1);
    }

    private static String readProxyKey() {
        try {
            return Files.readString(Path.of("src/test/resources/proxy-key/id_ed25519.pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
