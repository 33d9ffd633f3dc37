package org.staypuft.events.host;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The one rule of host identity and key provenance, applied the same way by the discovery-listener, the host-registry
 * and the orchestrator: <em>an unauthenticated source never changes the address, kind or SSH host keys of a host
 * that is registered, in a deployment (assigned, deploying, deployed, failed) or built</em>.
 * <p>
 * The runner connects to a host's address and checks its SSH host keys strictly; whoever could change those could put
 * a machine in the middle. Facts uploads (the discovery image's) carry no credential, so for such a host an upload
 * whose identity differs changes nothing and is a {@link HostIdentityConflict} for operators. Identity changes only
 * through a registration with a token bound to that host, the one-time build callback, or an operator. An upload
 * whose identity matches may still refresh the other facts (hardware, interfaces).
 * <p>
 * Each service knows a different part of a host's standing (the listener only its kind; the registry and the
 * orchestrator also its deployment and whether it was built) and asks the rule with what it knows.
 */
public final class HostIdentityRule {

    /** The attributes the rule protects, as named in {@link HostIdentityConflict#attributes()}. */
    public static final String KIND = "kind";
    public static final String ADDRESS = "address";
    public static final String SSH_HOST_KEYS = "sshHostKeys";

    private HostIdentityRule() {
    }

    /** Who vouches for a host's identity. */
    public enum Source {

        /** Discovery facts, uploaded without any credential: the discovery image, or anyone on the hosts' network. */
        DISCOVERY_UPLOAD(false),
        /** The client installer with a registration token bound to the host. */
        REGISTRATION(true),
        /** The installed system with its one-time build token. */
        BUILD_CALLBACK(true),
        /** An operator with a JWT. */
        OPERATOR(true);

        private final boolean authenticated;

        Source(boolean authenticated) {
            this.authenticated = authenticated;
        }

        public boolean authenticated() {
            return authenticated;
        }

        /** {@code discovery-upload}, {@code registration}, ... as events carry it. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What a service knows about a host's place in its life.
     *
     * @param kind as the service knows it
     * @param inDeployment assigned to a deployment (assigned, deploying, deployed or failed there)
     * @param built its installation called back, or its keys come from an authenticated source
     */
    public record Standing(HostKind kind, boolean inDeployment, boolean built) {

        /** Only an authenticated source may change the identity of such a host. */
        public boolean identityProtected() {
            return kind == HostKind.REGISTERED || inDeployment || built;
        }
    }

    /**
     * The attributes that decide where the runner connects and whom it trusts.
     *
     * @param address IPv4, else IPv6 (what the runner and the discovery proxy URL use)
     * @param sshHostKeys compared as a set, algorithm and key
     */
    public record Identity(HostKind kind, String address, List<SshHostKey> sshHostKeys) {

        public static Identity of(HostKind kind, HostSnapshot snapshot) {
            return new Identity(kind, addressOf(snapshot), snapshot.sshHostKeys());
        }
    }

    /** What to do with a claimed identity: take it, or change nothing and report the attributes it would change. */
    public record Verdict(List<String> conflictingAttributes) {

        public static final Verdict ACCEPT = new Verdict(List.of());

        public boolean accepted() {
            return conflictingAttributes.isEmpty();
        }

        /** Operators read this: what the source tried to change and why it was refused. */
        public String reason(Source source) {
            return (source.authenticated()
                    ? "a " + source.wireName() + " whose credential is not bound to the host"
                    : "an unauthenticated " + source.wireName()) + " tried to change " + String.join(", ",
                            conflictingAttributes)
                    + " of a registered, assigned or built host; only a registration with a token bound to the host,"
                    + " its build callback or an operator may";
        }
    }

    /**
     * Judges one claim about a known host.
     *
     * @param standing what the service knows about the host; null for a host it does not know (anything goes)
     * @param current the identity it holds now; null with a null standing
     */
    public static Verdict judge(Source source, Standing standing, Identity current, Identity claimed) {
        if (source.authenticated()) {
            return Verdict.ACCEPT;
        }
        return judgeUnvouched(standing, current, claimed);
    }

    /**
     * Judges a claim whose credential does not vouch for this host, as an unauthenticated one: a registration whose
     * token is not bound to the host. A built host has no bound token (its keys came with its build callback), so a
     * registration of its MAC needs an operator (the discovery-listener asks this once it has consumed
     * {@code host.built}).
     */
    public static Verdict judgeUnvouched(Standing standing, Identity current, Identity claimed) {
        if (standing == null || current == null || !standing.identityProtected()) {
            return Verdict.ACCEPT;
        }
        List<String> conflicting = new ArrayList<>();
        if (claimed.kind() != null && current.kind() != null && claimed.kind() != current.kind()) {
            conflicting.add(KIND);
        }
        if (!Objects.equals(claimed.address(), current.address())) {
            conflicting.add(ADDRESS);
        }
        if (!keySet(claimed.sshHostKeys()).equals(keySet(current.sshHostKeys()))) {
            conflicting.add(SSH_HOST_KEYS);
        }
        return conflicting.isEmpty() ? Verdict.ACCEPT : new Verdict(List.copyOf(conflicting));
    }

    /** IPv4, else IPv6, else null: the address a host is reached at. */
    public static String addressOf(HostSnapshot snapshot) {
        return snapshot.ipv4() != null ? snapshot.ipv4() : snapshot.ipv6();
    }

    private static Set<String> keySet(List<SshHostKey> keys) {
        Set<String> set = new HashSet<>();
        if (keys != null) {
            for (SshHostKey key : keys) {
                set.add(key.algorithm() + " " + key.key());
            }
        }
        return set;
    }
}
