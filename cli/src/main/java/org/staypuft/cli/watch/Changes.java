package org.staypuft.cli.watch;

import java.util.ArrayList;
import java.util.List;

/** What an update changed in a run's progress: what renderers redraw or print. */
public record Changes(boolean run, List<RoleProgress.Line> roles, List<Failure> failures) {

    public static Changes none() {
        return new Changes(false, List.of(), List.of());
    }

    public boolean any() {
        return run || !roles.isEmpty() || !failures.isEmpty();
    }

    Changes plus(Changes other) {
        List<RoleProgress.Line> allRoles = new ArrayList<>(roles);
        other.roles.forEach(line -> {
            allRoles.removeIf(existing -> existing.name().equals(line.name()));
            allRoles.add(line);
        });
        List<Failure> allFailures = new ArrayList<>(failures);
        allFailures.addAll(other.failures);
        return new Changes(run || other.run, List.copyOf(allRoles), List.copyOf(allFailures));
    }
}
