package org.staypuft.registry.inventory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.registry.facts.HostFacts;
import org.staypuft.registry.facts.HostFactsRepository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

/** What the inventory answers: single hosts, filtered pages of hosts, raw facts. */
@ApplicationScoped
public class HostInventoryService {

    @Inject
    HostRepository hosts;

    @Inject
    HostFactsRepository facts;

    @Transactional
    public Optional<HostEntry> find(String hostId) {
        return hosts.findByIdOptional(hostId)
                .map(host -> new HostEntry(host, facts.recordedAt(List.of(hostId)).get(hostId)));
    }

    /**
     * @param page zero-based
     */
    @Transactional
    public HostPage search(HostFilter filter, int page, int size) {
        PanacheQuery<Host> query = hosts.matching(filter);
        long total = query.count();
        List<Host> found = query.page(Page.of(page, size)).list();
        Map<String, OffsetDateTime> lastFacts = facts.recordedAt(found.stream().map(Host::getId).toList());
        List<HostEntry> entries = found.stream().map(host -> new HostEntry(host, lastFacts.get(host.getId())))
                .toList();
        return new HostPage(entries, page, size, total);
    }

    /**
     * The raw facts of a known host.
     *
     * @return empty when no facts arrived for it yet
     * @throws HostNotFoundException when the inventory has no such host
     */
    @Transactional
    public Optional<HostFacts> rawFacts(String hostId) {
        if (hosts.findByIdOptional(hostId).isEmpty()) {
            throw new HostNotFoundException(hostId);
        }
        return facts.findByIdOptional(hostId);
    }
}
