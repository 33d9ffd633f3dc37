package org.staypuft.registry.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.staypuft.registry.inventory.HostPage;

/** One page of hosts, ordered by id. */
@Schema(name = "HostPage")
public record HostPageView(
        List<HostView> items,
        @Schema(description = "zero-based page number") int page,
        int size,
        @Schema(description = "hosts matching the filters, in all pages") long total) {

    static HostPageView of(HostPage page) {
        return new HostPageView(page.entries().stream().map(HostView::of).toList(), page.page(), page.size(),
                page.total());
    }
}
