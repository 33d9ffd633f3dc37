package org.staypuft.orchestrator.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roles of a deployment and what each depends on. Roles are kept in definition order so that every answer
 * (the cycle reported, the order of independent roles) is deterministic.
 */
public final class RoleGraph {

    private final Map<String, List<String>> dependsOn = new LinkedHashMap<>();

    /** @param dependsOn role name to the roles it depends on, in definition order; names must be known */
    public RoleGraph(Map<String, List<String>> dependsOn) {
        dependsOn.forEach((role, deps) -> this.dependsOn.put(role, List.copyOf(deps)));
    }

    /**
     * The first dependency cycle found, as a path that starts and ends with the same role, each role depending on
     * the next: {@code [a, b, c, a]} means a depends on b, b on c, c on a.
     */
    public Optional<List<String>> findCycle() {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        List<String> path = new ArrayList<>();
        for (String role : dependsOn.keySet()) {
            Optional<List<String>> cycle = visit(role, state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> visit(String role, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(role);
        if (seen != null && seen == 2) {
            return Optional.empty();
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(role), path.size()));
            cycle.add(role);
            return Optional.of(cycle);
        }
        state.put(role, 1);
        path.add(role);
        for (String dependency : dependsOn.getOrDefault(role, List.of())) {
            Optional<List<String>> cycle = visit(dependency, state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(role, 2);
        return Optional.empty();
    }

    /**
     * Every role after the roles it depends on; among roles free to go, definition order. Call only on a graph
     * without cycles.
     */
    public List<String> order() {
        Map<String, Integer> pending = new LinkedHashMap<>();
        dependsOn.forEach((role, deps) -> pending.put(role, deps.size()));
        List<String> order = new ArrayList<>();
        while (order.size() < dependsOn.size()) {
            String next = pending.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new IllegalStateException("dependency cycle"));
            pending.remove(next);
            order.add(next);
            for (String dependent : dependents(next)) {
                pending.computeIfPresent(dependent, (role, count) -> count - 1);
            }
        }
        return order;
    }

    /** The roles that depend directly on this one, in definition order. */
    public List<String> dependents(String role) {
        List<String> dependents = new ArrayList<>();
        dependsOn.forEach((other, deps) -> {
            if (deps.contains(role)) {
                dependents.add(other);
            }
        });
        return dependents;
    }

    public List<String> dependsOn(String role) {
        return dependsOn.getOrDefault(role, List.of());
    }

    /** Renders a cycle as operators read it: {@code a -> b -> a}. */
    public static String describe(List<String> cycle) {
        return String.join(" -> ", cycle);
    }
}
