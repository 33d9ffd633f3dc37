package org.staypuft.orchestrator.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleGraphTest {

    @Test
    void ordersDependenciesFirstAndIndependentRolesByDefinition() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put("compute", List.of("controller"));
        roles.put("network", List.of("controller"));
        roles.put("controller", List.of("database"));
        roles.put("database", List.of());
        roles.put("storage", List.of());
        RoleGraph graph = new RoleGraph(roles);

        assertThat(graph.findCycle()).isEmpty();
        assertThat(graph.order()).containsExactly("database", "controller", "compute", "network", "storage");
        assertThat(graph.dependents("controller")).containsExactly("compute", "network");
    }

    @Test
    void reportsTheCycleAsAPathInDependencyOrder() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put("storage", List.of());
        roles.put("database", List.of("network"));
        roles.put("controller", List.of("database"));
        roles.put("network", List.of("controller", "storage"));

        assertThat(new RoleGraph(roles).findCycle()).hasValue(List.of("database", "network", "controller",
                "database"));
        assertThat(RoleGraph.describe(List.of("a", "b", "a"))).isEqualTo("a -> b -> a");
    }

    @Test
    void aRoleDependingOnItselfIsACycle() {
        assertThat(new RoleGraph(Map.of("solo", List.of("solo"))).findCycle()).hasValue(List.of("solo", "solo"));
    }
}
