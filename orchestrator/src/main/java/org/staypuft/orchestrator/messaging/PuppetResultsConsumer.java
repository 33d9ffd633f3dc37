package org.staypuft.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.orchestrator.run.engine.RunEngine;

import io.smallrye.common.annotation.Blocking;

/**
 * Answers of the puppet-runner move host steps. The inbox skips a redelivered event; the engine skips an answer to
 * a request it already handled (a re-published completion has a new event id but the same request id).
 */
@ApplicationScoped
public class PuppetResultsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    RunEngine engine;

    @Incoming(Channels.PUPPET_RESULTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.process(Channels.RUN_ENGINE_CONSUMER, record, this::apply);
    }

    private void apply(EventEnvelope event) {
        switch (event.type()) {
            case PUPPET_RUN_COMPLETED -> engine.onPuppetRunCompleted(event.payloadAs(PuppetRunCompleted.class));
            case PUPPET_RUN_STARTED -> engine.onPuppetRunStarted(event.payloadAs(PuppetRunStarted.class));
            case REBOOT_COMPLETED -> engine.onRebootCompleted(event.payloadAs(RebootCompleted.class));
            default -> {
                // the topic carries nothing else for us
            }
        }
    }
}
