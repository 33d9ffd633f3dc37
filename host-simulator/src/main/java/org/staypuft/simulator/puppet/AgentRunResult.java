package org.staypuft.simulator.puppet;

import java.util.List;

/** What {@code puppet agent} printed and its exit status. */
public record AgentRunResult(int exitCode, List<String> stdout, List<String> stderr) {
}
