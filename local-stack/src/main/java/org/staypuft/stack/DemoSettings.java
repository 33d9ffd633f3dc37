package org.staypuft.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code ./staypuft demo} sets on top of the local stack so that the simulated hosts go all the way: they are
 * passed as system properties to the services of the demo only, never service defaults.
 *
 * <ul>
 * <li>host-registry: the simulator's discovery proxy is plain HTTP on port {@code simulated-proxy} of each host's
 * 127.x address; a kexec "installer" (URLs the simulator never fetches) so that the reboot request carries the build
 * token in its append line ({@code inst.ks={kickstartUrl}}, the kickstart URL holds {@code ?token=}), which the
 * simulated host sends back in its built callback with its new host key.</li>
 * <li>puppet-runner: the simulated hosts' /16 as its only provisioning network, strict host key checking (the keys come from discovery, registration or the built callback),
 * short retries.</li>
 * <li>orchestrator: the simulated hosts' SSH port, deadlines of seconds rather than hours.</li>
 * </ul>
 */
final class DemoSettings {

    private DemoSettings() {
    }

    static Map<String, String> forService(StaypuftService service, StackLayout layout) {
        Map<String, String> properties = new LinkedHashMap<>();
        switch (service) {
            case HOST_REGISTRY -> {
                properties.put("staypuft.registry.discovery-proxy.url-template",
                        "http://{address}:" + layout.addresses().simulatedProxy());
                properties.put("staypuft.registry.discovery-proxy.timeout", "PT15S");
                properties.put("staypuft.registry.discovery-proxy.kexec.kernel",
                        layout.url(service) + "/demo-installer/vmlinuz");
                properties.put("staypuft.registry.discovery-proxy.kexec.initram",
                        layout.url(service) + "/demo-installer/initrd.img");
                properties.put("staypuft.registry.discovery-proxy.kexec.append", "inst.ks={kickstartUrl} inst.text");
            }
            case PUPPET_RUNNER -> {
                properties.put("staypuft.runner.ssh.host-key-policy", "strict");
                // Only the simulated hosts' block (SSH and discovery proxy): 127.1.0.0/16 for 127.1.0.1 and on.
                properties.put("staypuft.runner.network.provisioning-networks",
                        provisioningNetwork(layout.addresses().simulatedHostsFirstAddress()));
                properties.put("staypuft.runner.ssh.connect-timeout", "5s");
                properties.put("staypuft.runner.ssh.auth-timeout", "10s");
                properties.put("staypuft.runner.puppet.timeout-grace", "5s");
                properties.put("staypuft.runner.retry.unreachable-backoff", "2s");
                properties.put("staypuft.runner.retry.in-progress-backoff", "3s");
                properties.put("staypuft.runner.retry.max-backoff", "10s");
            }
            case ORCHESTRATOR -> {
                properties.put("staypuft.orchestrator.ssh-port", Integer.toString(layout.addresses().simulatedSsh()));
                properties.put("staypuft.orchestrator.ssh-retry", "30s");
                properties.put("staypuft.orchestrator.request-grace", "15s");
                properties.put("staypuft.orchestrator.configuration-timeout", "30s");
                properties.put("staypuft.orchestrator.deadlines.scan-interval", "1s");
                properties.put("staypuft.orchestrator.role-defaults.provisioning-timeout", "120s");
                properties.put("staypuft.orchestrator.role-defaults.ssh-ready-timeout", "60s");
                properties.put("staypuft.orchestrator.role-defaults.puppet-run-timeout", "120s");
            }
            case DISCOVERY_LISTENER, WEBHOOK_DISPATCHER -> {
            }
        }
        return properties;
    }

    /** The /16 of the simulated hosts' first address, e.g. 127.1.0.0/16. */
    static String provisioningNetwork(String firstAddress) {
        String[] octets = firstAddress.split("\\.");
        return octets[0] + "." + octets[1] + ".0.0/16";
    }
}
