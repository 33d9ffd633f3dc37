package org.staypuft.listener.discovery;

import org.staypuft.listener.host.IntakeResult;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What Foreman answers a discovery image, in brief: the discovered host's id and name (the image logs them and
 * only looks at the status), plus its addresses and what the upload did.
 *
 * @param outcome {@code created}, {@code updated} or {@code unchanged}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscoveredHostResponse(String id, String name, String mac, String ip, String ip6, String outcome) {

    static DiscoveredHostResponse of(IntakeResult result) {
        return new DiscoveredHostResponse(result.hostId(), result.host().name(), result.host().mac(),
                result.host().ipv4(), result.host().ipv6(), result.outcome().label());
    }
}
