package org.staypuft.events.host;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.events.host.HostIdentityRule.Identity;
import org.staypuft.events.host.HostIdentityRule.Source;
import org.staypuft.events.host.HostIdentityRule.Standing;

import static org.assertj.core.api.Assertions.assertThat;

class HostIdentityRuleTest {

    private static final SshHostKey INSTALLED = new SshHostKey("ssh-ed25519", "AAAAinstalled");
    private static final SshHostKey FORGED = new SshHostKey("ssh-ed25519", "AAAAforged");
    private static final Identity BUILT = new Identity(HostKind.DISCOVERED, "10.0.0.5", List.of(INSTALLED));

    @Test
    void anUploadCannotChangeAProtectedHost() {
        Identity claimed = new Identity(HostKind.DISCOVERED, "10.0.0.66", List.of(FORGED));

        for (Standing standing : List.of(new Standing(HostKind.DISCOVERED, true, false),
                new Standing(HostKind.DISCOVERED, false, true), new Standing(HostKind.REGISTERED, false, false))) {
            assertThat(HostIdentityRule.judge(Source.DISCOVERY_UPLOAD, standing, BUILT, claimed)
                    .conflictingAttributes()).as("%s", standing).containsExactly("address", "sshHostKeys");
        }
        Identity registered = new Identity(HostKind.REGISTERED, "10.0.0.5", List.of(INSTALLED));
        assertThat(HostIdentityRule.judge(Source.DISCOVERY_UPLOAD, new Standing(HostKind.REGISTERED, false, false),
                registered, new Identity(HostKind.DISCOVERED, "10.0.0.5", List.of(INSTALLED)))
                .conflictingAttributes()).containsExactly("kind");
    }

    @Test
    void theSameIdentityAFreeHostOrAnAuthenticatedSourceAreAccepted() {
        Standing built = new Standing(HostKind.DISCOVERED, true, true);
        Identity other = new Identity(HostKind.DISCOVERED, "10.0.0.66", List.of(FORGED));

        assertThat(HostIdentityRule.judge(Source.DISCOVERY_UPLOAD, built, BUILT,
                new Identity(HostKind.DISCOVERED, "10.0.0.5", List.of(INSTALLED))).accepted()).isTrue();
        assertThat(HostIdentityRule.judge(Source.DISCOVERY_UPLOAD, new Standing(HostKind.DISCOVERED, false, false),
                BUILT, other).accepted()).isTrue();
        assertThat(HostIdentityRule.judge(Source.DISCOVERY_UPLOAD, null, null, other).accepted()).isTrue();
        for (Source source : List.of(Source.REGISTRATION, Source.BUILD_CALLBACK, Source.OPERATOR)) {
            assertThat(HostIdentityRule.judge(source, built, BUILT, other).accepted()).as("%s", source).isTrue();
        }
    }

    /** A registration of a built host: no token is bound to it, so it is judged like an upload, and says so. */
    @Test
    void aRegistrationWhoseTokenIsNotBoundToABuiltHostIsJudgedAsUnvouched() {
        Standing built = new Standing(HostKind.DISCOVERED, false, true);
        HostIdentityRule.Verdict verdict = HostIdentityRule.judgeUnvouched(built, BUILT,
                new Identity(HostKind.REGISTERED, "10.0.0.66", List.of(FORGED)));

        assertThat(verdict.conflictingAttributes()).containsExactly("kind", "address", "sshHostKeys");
        assertThat(verdict.reason(Source.REGISTRATION)).startsWith(
                "a registration whose credential is not bound to the host tried to change kind, address");
        assertThat(HostIdentityRule.judgeUnvouched(new Standing(HostKind.REGISTERED, false, true),
                new Identity(HostKind.REGISTERED, "10.0.0.5", List.of(INSTALLED)),
                new Identity(HostKind.REGISTERED, "10.0.0.5", List.of(INSTALLED))).accepted()).isTrue();
    }
}
