package org.staypuft.simulator.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a rebooted simulated host finds its build token. The registry puts it into the kexec request's
 * {@code append} and {@code extra} (its {@code {token}} and {@code {kickstartUrl}} placeholders, the default append
 * being {@code inst.ks=<registry>/unattended/provision?token=...}), so the installer the host kexecs into learns it
 * there. A plain reboot carries nothing: a real host gets its token from the site's PXE setup, which the simulator
 * does not have, and the registry offers no other way to look one up.
 */
public final class BuildTokenSource {

    /** {@code token=...} as a URL query parameter or a kernel argument ({@code staypuft.token=...} too). */
    private static final Pattern TOKEN = Pattern.compile("(?:^|[?&\\s.=_])token=([A-Za-z0-9_-]+)");
    private static final Pattern KICKSTART_URL = Pattern.compile("(?:inst\\.)?ks=(https?://\\S+?)/unattended/");

    private BuildTokenSource() {
    }

    /** The token in a kexec request's append line or extra arguments. */
    public static Optional<String> fromKexec(Map<String, Object> kexec) {
        for (String argument : arguments(kexec)) {
            Matcher matcher = TOKEN.matcher(argument);
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /**
     * The registry's unattended base URL, from the kickstart URL of the kexec request: where the installed system's
     * {@code finish.sh} sends its built callback when the simulator was not told the registry URL.
     */
    public static Optional<String> registryFromKexec(Map<String, Object> kexec) {
        for (String argument : arguments(kexec)) {
            Matcher matcher = KICKSTART_URL.matcher(argument);
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private static List<String> arguments(Map<String, Object> kexec) {
        List<String> arguments = new ArrayList<>();
        if (kexec == null) {
            return arguments;
        }
        if (kexec.get("append") instanceof String append) {
            arguments.add(append);
        }
        if (kexec.get("extra") instanceof List<?> extra) {
            extra.forEach(argument -> arguments.add(String.valueOf(argument)));
        }
        return arguments;
    }
}
