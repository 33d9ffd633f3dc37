package org.staypuft.runner.config;

/** How the runner decides whether to trust the key a host presents. */
public enum HostKeyPolicy {
    /** Accept any key: the seed design's {@code StrictHostKeyChecking no}. */
    OFF,
    /** Pin the first key seen (or one of the request's keys) and require it from then on. */
    ACCEPT_NEW,
    /** Only the keys the request carries (from the host's facts) are accepted. */
    STRICT
}
