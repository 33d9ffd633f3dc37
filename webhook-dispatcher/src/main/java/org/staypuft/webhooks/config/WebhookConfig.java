package org.staypuft.webhooks.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dispatcher's settings ({@code staypuft.webhooks.*}); application.properties lists them with their defaults. */
@ConfigMapping(prefix = "staypuft.webhooks")
public interface WebhookConfig {

    Delivery delivery();

    interface Delivery {

        /** Deliveries sent at once by this replica. One subscription has at most one in flight per replica. */
        @WithDefault("8")
        int workers();

        /** How often the workers look for due deliveries (new ones, retries). */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long a receiver may take to accept the connection. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long a receiver may take to answer once connected; longer counts as a failed attempt. */
        @WithDefault("10s")
        Duration readTimeout();

        /** Attempts before a delivery is given up (state DEAD). */
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failed attempt; doubled after each further one, with +-20 % jitter. */
        @WithDefault("10s")
        Duration firstBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("1h")
        Duration maxBackoff();
    }
}
