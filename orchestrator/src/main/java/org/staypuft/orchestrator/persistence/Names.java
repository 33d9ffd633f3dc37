package org.staypuft.orchestrator.persistence;

import java.util.Arrays;
import java.util.List;

/** Lists of role names stored as one comma-separated column; role names never contain commas. */
public final class Names {

    private Names() {
    }

    public static String join(List<String> names) {
        return String.join(",", names);
    }

    public static List<String> split(String column) {
        return column == null || column.isBlank() ? List.of() : Arrays.asList(column.split(","));
    }
}
