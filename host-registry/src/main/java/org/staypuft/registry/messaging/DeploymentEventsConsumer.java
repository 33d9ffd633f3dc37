package org.staypuft.registry.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.events.CloudEventHeaders;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventType;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.registry.deployment.DeploymentConfigurationService;

import io.smallrye.common.annotation.Blocking;

/**
 * The deployments' configurations into the classifier's store, each event once; a poison record goes to the
 * dead-letter topic. The run events on the topic (several per host of a run) are skipped before the inbox, so a
 * 10,000-host run costs the registry no transaction per event.
 */
@ApplicationScoped
public class DeploymentEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    DeploymentConfigurationService configurations;

    @Incoming(Channels.DEPLOYMENT_EVENTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (isAnotherContractType(record)) {
            return;
        }
        inbox.process(Channels.DEPLOYMENT_EVENTS_CONSUMER, record, configurations::apply);
    }

    /** A type of the contract other than deployment-configured; anything else goes through the inbox's checks. */
    private static boolean isAnotherContractType(ConsumerRecord<String, byte[]> record) {
        Optional<EventType> type = Optional.ofNullable(EventCodec.header(record.headers(), CloudEventHeaders.TYPE))
                .flatMap(EventType::fromType);
        return type.isPresent() && type.get() != EventType.DEPLOYMENT_CONFIGURED;
    }
}
