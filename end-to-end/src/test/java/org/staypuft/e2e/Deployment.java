package org.staypuft.e2e;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.staypuft.simulator.SimulatedHost;
import org.staypuft.simulator.puppet.AgentRunRecord;
import org.staypuft.simulator.puppet.Runmode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test's deployment: its roles with their simulated hosts, the spec the orchestrator gets, and the checks that
 * read what the hosts themselves recorded (every puppet run with its environment, runmode and times).
 */
final class Deployment {

    static final String PUPPET_SERVICE = "Service[puppet]";

    record Role(String name, List<String> dependsOn, String puppetClass, int puppetRuns, List<SimulatedHost> hosts) {
    }

    final String name;
    private final Map<String, Role> roles = new LinkedHashMap<>();

    Deployment(String name) {
        this.name = name;
    }

    Deployment role(String role, List<String> dependsOn, String puppetClass, int puppetRuns,
            List<SimulatedHost> hosts) {
        roles.put(role, new Role(role, dependsOn, puppetClass, puppetRuns, new ArrayList<>(hosts)));
        return this;
    }

    Role role(String name) {
        return roles.get(name);
    }

    List<SimulatedHost> hosts() {
        return roles.values().stream().flatMap(role -> role.hosts().stream()).toList();
    }

    /** The spec as an operator posts it, hosts by the ids the listener gave them. */
    ObjectNode spec() {
        ObjectNode spec = Operator.JSON.createObjectNode().put("name", name);
        ArrayNode list = spec.putArray("roles");
        for (Role role : roles.values()) {
            ObjectNode node = list.addObject().put("name", role.name()).put("puppetRuns", role.puppetRuns());
            role.dependsOn().forEach(node.putArray("dependsOn")::add);
            node.putArray("puppetClasses").add(role.puppetClass());
            ArrayNode hosts = node.putArray("hosts");
            role.hosts().forEach(host -> hosts.add(host.announcement().hostId()));
        }
        return spec;
    }

    /** The finished runs of a host that deployed its role: production with the agent off. */
    static List<AgentRunRecord> deployRuns(SimulatedHost host) {
        return finished(host).stream().filter(run -> run.environment().equals("production")
                && run.runmode() == Runmode.NONE).toList();
    }

    static List<AgentRunRecord> finished(SimulatedHost host) {
        return host.agent().runHistory().stream().filter(run -> !run.terminated()).toList();
    }

    /**
     * Every host ran exactly its steps, each once, in order: a registered host its prepare run in {@code discovery}
     * (agent off), then its role's puppet runs in {@code production} with the agent off, then the enable-agent run
     * that changed nothing but {@code Service[puppet]}, which is now running.
     */
    void assertEveryStepRanOnce(boolean registered) {
        assertEveryStepRanOnce(registered, Map.of());
    }

    /**
     * As {@link #assertEveryStepRanOnce(boolean)}, except for the hosts of {@code lostOutcomes}: the runner died
     * while their runs ran (or right after, before it could record the outcome), the orchestrator was told
     * "interrupted" that many times and asked again. Such a host may show up to that many extra runs, in the right
     * places: prepare first, the role's runs, the enable-agent run last.
     */
    void assertEveryStepRanOnce(boolean registered, Map<SimulatedHost, Integer> lostOutcomes) {
        for (Role role : roles.values()) {
            for (SimulatedHost host : role.hosts()) {
                List<AgentRunRecord> runs = finished(host);
                int expected = (registered ? 1 : 0) + role.puppetRuns() + 1;
                int extra = lostOutcomes.getOrDefault(host, 0);
                if (extra > 0) {
                    assertRanWithRepeats(host, runs, registered, role.puppetRuns(), extra);
                    continue;
                }
                assertThat(runs).as("finished puppet runs on %s", host).hasSize(expected);
                int next = 0;
                if (registered) {
                    AgentRunRecord prepare = runs.get(next++);
                    assertThat(prepare.environment()).as("prepare run on %s", host).isEqualTo("discovery");
                    assertThat(prepare.runmode()).as("prepare run on %s", host).isEqualTo(Runmode.NONE);
                }
                for (int i = 0; i < role.puppetRuns(); i++) {
                    AgentRunRecord deploy = runs.get(next++);
                    assertThat(deploy.environment()).as("deploy run %d on %s", i + 1, host).isEqualTo("production");
                    assertThat(deploy.runmode()).as("deploy run %d on %s", i + 1, host).isEqualTo(Runmode.NONE);
                }
                AgentRunRecord enable = runs.get(next);
                assertThat(enable.enabledAgent()).as("last run on %s enables the agent", host).isTrue();
                assertThat(enable.changed()).as("enable-agent run on %s", host).containsExactly(PUPPET_SERVICE);
                assertThat(host.agentServiceRunning()).as("agent service of %s", host).isTrue();
            }
        }
    }

    private static void assertRanWithRepeats(SimulatedHost host, List<AgentRunRecord> runs, boolean registered,
            int puppetRuns, int extra) {
        int expected = (registered ? 1 : 0) + puppetRuns + 1;
        assertThat(runs).as("finished puppet runs on %s (%d outcomes lost)", host, extra)
                .hasSizeBetween(expected, expected + extra);
        if (registered) {
            assertThat(runs.get(0).environment()).as("first run on %s", host).isEqualTo("discovery");
        }
        assertThat(runs.stream().filter(run -> run.environment().equals("production")
                && run.runmode() == Runmode.NONE).count()).as("deploy runs on %s", host)
                .isBetween((long) puppetRuns, (long) puppetRuns + extra);
        AgentRunRecord last = runs.get(runs.size() - 1);
        assertThat(last.enabledAgent()).as("last run on %s enables the agent", host).isTrue();
        assertThat(runs.stream().filter(AgentRunRecord::enabledAgent).flatMap(run -> run.changed().stream()))
                .as("what enabling the agent changed on %s", host).containsOnly(PUPPET_SERVICE);
        assertThat(host.agentServiceRunning()).as("agent service of %s", host).isTrue();
    }

    /**
     * No role's puppet run started before every run of the roles it depends on had finished, and no agent was
     * enabled before every role's runs had finished: from the hosts' own clocks, not the orchestrator's.
     */
    void assertRanInDependencyOrder() {
        for (Role role : roles.values()) {
            if (role.hosts().isEmpty()) {
                continue;
            }
            Instant firstStart = role.hosts().stream().flatMap(host -> deployRuns(host).stream())
                    .map(AgentRunRecord::startedAt).min(Comparator.naturalOrder()).orElseThrow();
            for (String dependency : role.dependsOn()) {
                Instant lastFinish = lastDeployFinish(roles.get(dependency).hosts());
                assertThat(firstStart).as("first run of %s after the last of %s", role.name(), dependency)
                        .isAfterOrEqualTo(lastFinish);
            }
        }
        Instant lastDeploy = lastDeployFinish(hosts());
        for (SimulatedHost host : hosts()) {
            finished(host).stream().filter(AgentRunRecord::enabledAgent).forEach(enable -> assertThat(
                    enable.startedAt()).as("agent of %s enabled after every role's runs", host)
                    .isAfterOrEqualTo(lastDeploy));
        }
    }

    private static Instant lastDeployFinish(List<SimulatedHost> hosts) {
        return hosts.stream().flatMap(host -> deployRuns(host).stream()).map(AgentRunRecord::finishedAt)
                .max(Comparator.naturalOrder()).orElseThrow();
    }
}
