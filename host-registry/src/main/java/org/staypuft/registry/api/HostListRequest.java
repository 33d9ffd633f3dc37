package org.staypuft.registry.api;

import java.util.List;

import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostState;
import org.staypuft.registry.config.RegistryConfig;
import org.staypuft.registry.inventory.HostFilter;
import org.staypuft.registry.inventory.HostKinds;

/**
 * The query parameters of a host listing, checked. Parameters arrive as text so that a bad value gets our 400 naming
 * it, rather than the 404 JAX-RS gives for a query parameter it cannot convert.
 */
record HostListRequest(HostFilter filter, int page, int size) {

    static HostListRequest parse(String state, String kind, String deployment, String role, String page, String size,
            RegistryConfig.Api limits) {
        HostFilter filter = new HostFilter(state(state), kind(kind), blankToNull(deployment), blankToNull(role));
        return new HostListRequest(filter, page(page), size(size, limits));
    }

    private static HostState state(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        return HostState.fromWire(value.strip()).orElseThrow(() -> new InvalidParameterException("state",
                "Unknown state '" + value + "'; allowed: " + String.join(", ", HostState.wireNames()),
                HostState.wireNames()));
    }

    private static HostKind kind(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        return HostKinds.fromWire(value.strip()).orElseThrow(() -> new InvalidParameterException("kind",
                "Unknown kind '" + value + "'; allowed: " + String.join(", ", HostKinds.wireNames()),
                HostKinds.wireNames()));
    }

    private static int page(String value) {
        if (blankToNull(value) == null) {
            return 0;
        }
        Integer page = integer(value);
        if (page == null || page < 0) {
            throw new InvalidParameterException("page",
                    "page must be a whole number from 0 (the first page), not '" + value + "'", List.of(">= 0"));
        }
        return page;
    }

    private static int size(String value, RegistryConfig.Api limits) {
        if (blankToNull(value) == null) {
            return Math.min(limits.defaultPageSize(), limits.maxPageSize());
        }
        Integer size = integer(value);
        if (size == null || size < 1 || size > limits.maxPageSize()) {
            throw new InvalidParameterException("size",
                    "size must be a whole number from 1 to " + limits.maxPageSize() + ", not '" + value + "'",
                    List.of("1.." + limits.maxPageSize()));
        }
        return size;
    }

    private static Integer integer(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
