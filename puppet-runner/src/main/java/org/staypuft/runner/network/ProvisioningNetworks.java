package org.staypuft.runner.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.runner.config.RunnerConfig;

/**
 * The provisioning address allow-list: every address the runner connects to (a host's SSH address, the discovery
 * proxy's) must be one it may reach. The addresses come from facts uploads, which anyone on the hosts' network can
 * make, so without this a forged upload could send the runner (with the proxy's key, or a build token in a kexec
 * line) to 169.254.169.254, to loopback or to the stack's own services.
 * <p>
 * Always refused: multicast, the unspecified address, link-local, the runner's own non-loopback addresses and
 * {@code staypuft.runner.network.refused-networks}. With {@code provisioning-networks} set, an address must lie in
 * one of them (loopback too: the demo and tests configure their 127.x range); unset, any other unicast address but
 * loopback is allowed.
 */
@ApplicationScoped
public class ProvisioningNetworks {

    public static final String PROVISIONING_NETWORKS = "staypuft.runner.network.provisioning-networks";
    public static final String REFUSED_NETWORKS = "staypuft.runner.network.refused-networks";

    @Inject
    RunnerConfig config;

    private List<Cidr> allowed;
    private List<Cidr> refused;
    private Set<InetAddress> ownAddresses;

    @PostConstruct
    void init() {
        allowed = parse(PROVISIONING_NETWORKS, config.network().provisioningNetworks().orElse(List.of()));
        refused = parse(REFUSED_NETWORKS, config.network().refusedNetworks().orElse(List.of()));
        ownAddresses = ownAddresses();
    }

    /**
     * @param what what the address is for, e.g. {@code address} or {@code proxyUrl}
     * @param host an IP literal or a host name (every address it resolves to must be allowed)
     * @return why the runner must not connect there, naming the address and the setting; empty when it may
     */
    public Optional<String> refusal(String what, String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("Rejected: " + what + " " + host + " does not resolve, so it cannot be checked against "
                    + PROVISIONING_NETWORKS + "; nothing was sent");
        }
        for (InetAddress address : addresses) {
            Optional<String> why = refusal(address);
            if (why.isPresent()) {
                return Optional.of("Rejected: " + what + " " + host
                        + (host.equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")") + " "
                        + why.get() + "; nothing was sent");
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusal(InetAddress address) {
        if (address.isMulticastAddress()) {
            return Optional.of("is a multicast address, never a host (" + PROVISIONING_NETWORKS + ")");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("is the unspecified address (" + PROVISIONING_NETWORKS + ")");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("is link-local (cloud metadata lives there), refused whatever "
                    + PROVISIONING_NETWORKS + " says");
        }
        if (isBroadcast(address)) {
            return Optional.of("is a broadcast address (" + PROVISIONING_NETWORKS + ")");
        }
        for (Cidr network : refused) {
            if (network.contains(address)) {
                return Optional.of("lies in " + network + " of " + REFUSED_NETWORKS + " (the stack's own addresses)");
            }
        }
        if (!address.isLoopbackAddress() && ownAddresses.contains(address)) {
            return Optional.of("is an address of the puppet-runner itself (" + PROVISIONING_NETWORKS + ")");
        }
        if (allowed.isEmpty()) {
            return address.isLoopbackAddress()
                    ? Optional.of("is a loopback address; allowed only inside " + PROVISIONING_NETWORKS)
                    : Optional.empty();
        }
        for (Cidr network : allowed) {
            if (network.contains(address)) {
                return Optional.empty();
            }
        }
        return Optional.of("is outside " + PROVISIONING_NETWORKS + " " + allowed);
    }

    private static boolean isBroadcast(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        for (byte b : address.getAddress()) {
            if (b != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    private static List<Cidr> parse(String setting, List<String> values) {
        List<Cidr> networks = new ArrayList<>();
        for (String value : values) {
            if (value.isBlank()) {
                continue;
            }
            try {
                networks.add(Cidr.parse(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(networks);
    }

    private static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                own.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // no interfaces to list: only the configured networks decide
        }
        return Set.copyOf(own);
    }
}
