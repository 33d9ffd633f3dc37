package org.staypuft.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings shared by every service. */
@ConfigMapping(prefix = "staypuft")
public interface KitConfig {

    /** The service's name; events it publishes carry {@code ce_source = /staypuft/<name>}. */
    String serviceName();

    Outbox outbox();

    Inbox inbox();

    Health health();

    Secrets secrets();

    interface Secrets {

        /**
         * The parameter key: 32 random bytes, base64 (one line), the same file for the orchestrator (which seals
         * secret parameters) and the host registry (which unseals them for its node classifier). Read at each use.
         * Unset: secret parameters are refused (orchestrator) or cannot be classified (registry).
         */
        java.util.Optional<java.nio.file.Path> keyFile();
    }

    interface Health {

        /**
         * How long a readiness check waits for Kafka or the database to answer before it reports that part DOWN
         * ({@code /q/health/ready} answers within about twice this, never hangs).
         */
        @WithDefault("2s")
        java.time.Duration timeout();
    }

    interface Inbox {

        /**
         * How long a consumed event's id is remembered (table {@code processed_event}). Far beyond a Kafka
         * redelivery (minutes, after a rebalance or a crash) and beyond the broker's consumer offset retention
         * (7 days), after which a group that was stopped reads its topics again from the start.
         */
        @WithDefault("P30D")
        java.time.Duration retention();

        /** How often ids older than the retention are deleted. */
        @WithDefault("1h")
        java.time.Duration pruneInterval();

        /** Ids deleted per transaction. */
        @WithDefault("5000")
        int pruneBatch();
    }

    interface Outbox {

        /** How many outbox rows one relay transaction publishes at most. */
        @WithDefault("500")
        int batchSize();

        /** How long the relay waits for the broker to acknowledge a batch before it retries it. */
        @WithDefault("30s")
        java.time.Duration sendTimeout();

        /**
         * How often the relay looks for rows left over (a broker outage); commits that wrote events wake it at
         * once anyway.
         */
        @WithDefault("2s")
        java.time.Duration pollInterval();
    }

    default String eventSource() {
        return "/staypuft/" + serviceName();
    }
}
