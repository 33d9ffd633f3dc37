package org.staypuft.listener.registration;

import org.staypuft.listener.host.IntakeResult;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The registered host: its id (what the client installer and operators refer to) and what the request did.
 *
 * @param outcome {@code created}, {@code updated} or {@code unchanged}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredHostResponse(String id, String name, String mac, String ip, String ip6, String outcome) {

    static RegisteredHostResponse of(IntakeResult result) {
        return new RegisteredHostResponse(result.hostId(), result.host().name(), result.host().mac(),
                result.host().ipv4(), result.host().ipv6(), result.outcome().label());
    }
}
