package org.staypuft.orchestrator.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deployment definitions as JSON bodies. */
public final class Specs {

    private Specs() {
    }

    public static Map<String, Object> deployment(String name, List<Map<String, Object>> roles) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("description", "test deployment " + name);
        spec.put("parameters", Map.of("admin_password", "secret"));
        spec.put("roles", roles);
        return spec;
    }

    /** A role; {@code more} are key/value pairs: "mode", "serial", "maxConcurrent", 2, ... */
    public static Map<String, Object> role(String name, List<String> dependsOn, List<String> hosts, Object... more) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("name", name);
        role.put("dependsOn", dependsOn);
        role.put("hosts", hosts);
        for (int i = 0; i < more.length; i += 2) {
            role.put((String) more[i], more[i + 1]);
        }
        return role;
    }

    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
