package org.staypuft.simulator.cli;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Which hosts announce themselves how: all discover (the default), all register, or a fraction registers.
 *
 * @param registeredFraction share of the hosts that register, spread evenly over the address order
 */
record AnnouncementPlan(URI listenerUrl, double registeredFraction, String registrationToken) {

    /** @return null when the hosts announce nothing (no {@code --listener-url}) */
    static AnnouncementPlan of(Map<String, List<String>> options) {
        URI listener = SimulatorMain.urlOption(options, "listener-url");
        boolean discover = options.containsKey("discover");
        boolean register = options.containsKey("register");
        String fractionText = SimulatorMain.option(options, "registered-fraction", null);
        int modes = (discover ? 1 : 0) + (register ? 1 : 0) + (fractionText != null ? 1 : 0);
        if (modes > 1) {
            throw new IllegalArgumentException("Use one of --discover, --register, --registered-fraction");
        }
        if (listener == null) {
            if (modes > 0 || options.containsKey("registration-token")) {
                throw new IllegalArgumentException("--discover, --register, --registered-fraction and "
                        + "--registration-token need --listener-url");
            }
            return null;
        }
        double fraction = register ? 1.0 : 0.0;
        if (fractionText != null) {
            try {
                fraction = Double.parseDouble(fractionText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--registered-fraction needs a number between 0 and 1", e);
            }
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("--registered-fraction needs a number between 0 and 1");
            }
        }
        String token = SimulatorMain.option(options, "registration-token", null);
        if (fraction > 0 && (token == null || token.isBlank())) {
            throw new IllegalArgumentException("Registering hosts need --registration-token");
        }
        return new AnnouncementPlan(listener, fraction, token);
    }

    /** Whether the host at this position registers: spreads the registered ones evenly (0.5: every second). */
    boolean registers(int index) {
        return Math.floor((index + 1) * registeredFraction) > Math.floor(index * registeredFraction);
    }
}
