package org.staypuft.simulator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How N hosts split into roles, e.g. {@code controller:3,compute:*} (the {@code *} role takes the rest).
 * Named layouts: {@code openstack} ({@code controller:3,compute:*}), {@code ceph}
 * ({@code controller:3,compute:*,ceph-storage:3}... in deployment order), {@code generic} ({@code generic:*}).
 */
record Layout(List<Slot> slots) {

    private static final Map<String, String> NAMED = Map.of(
            "openstack", "controller:3,compute:*",
            "ceph", "controller:3,ceph-storage:3,compute:*",
            "generic", "generic:*");

    /** @param count hosts of the role, -1 for the rest */
    record Slot(String role, int count) {
    }

    static Layout parse(String spec) {
        String expanded = NAMED.getOrDefault(spec.toLowerCase(Locale.ROOT), spec);
        List<Slot> slots = new ArrayList<>();
        boolean rest = false;
        for (String part : expanded.split(",")) {
            String[] roleAndCount = part.trim().split(":");
            if (roleAndCount.length != 2 || roleAndCount[0].isBlank()) {
                throw new IllegalArgumentException("Layout part must be role:count or role:*, got '" + part + "'");
            }
            if (roleAndCount[1].equals("*")) {
                if (rest) {
                    throw new IllegalArgumentException("Only one role may take the rest (*): " + spec);
                }
                rest = true;
                slots.add(new Slot(roleAndCount[0], -1));
            } else {
                slots.add(new Slot(roleAndCount[0], Integer.parseInt(roleAndCount[1])));
            }
        }
        return new Layout(slots);
    }

    /** The role of each of {@code hosts} hosts, in layout order. */
    List<String> roles(int hosts) {
        int fixed = slots.stream().filter(slot -> slot.count() >= 0).mapToInt(Slot::count).sum();
        int rest = Math.max(0, hosts - fixed);
        List<String> roles = new ArrayList<>(hosts);
        for (Slot slot : slots) {
            int count = slot.count() >= 0 ? slot.count() : rest;
            for (int i = 0; i < count && roles.size() < hosts; i++) {
                roles.add(slot.role());
            }
        }
        while (roles.size() < hosts) {
            roles.add(slots.get(slots.size() - 1).role());
        }
        return roles;
    }
}
