package org.staypuft.registry.lifecycle;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ParkedHostEventRepository implements PanacheRepositoryBase<ParkedHostEvent, Long> {

    /** Removes and returns the events parked for a host, in the order they arrived. */
    public List<ParkedHostEvent> takeAll(String hostId) {
        List<ParkedHostEvent> parked = list("hostId", Sort.by("seq"), hostId);
        parked.forEach(this::delete);
        return parked;
    }
}
