package org.staypuft.kit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.kit.inbox.EventInbox;

import io.smallrye.common.annotation.Blocking;

/** A consumer as services write them: every applied event leaves one row. */
@ApplicationScoped
public class AppliedEventsConsumer {

    public static final String CONSUMER = "kit-test-applied";

    @Inject
    EventInbox inbox;

    @Inject
    EntityManager entityManager;

    @Incoming("host-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, event -> {
            if (event.payload() instanceof HostAssigned assigned && "poison-on-apply".equals(assigned.role())) {
                throw new IllegalStateException("this event can never be applied");
            }
            entityManager.createNativeQuery("INSERT INTO applied_event (event_id, host_id) VALUES (?1, ?2)")
                    .setParameter(1, event.id())
                    .setParameter(2, event.subject())
                    .executeUpdate();
        });
    }
}
