package org.staypuft.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.orchestrator.run.RunEngine;

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
        StaypuftEvent payload = event.payload();
        if (payload instanceof PuppetRunCompleted completed) {
            engine.onPuppetRunCompleted(completed);
        } else if (payload instanceof PuppetRunStarted started) {
            engine.onPuppetRunStarted(started);
        } else if (payload instanceof RebootCompleted reboot) {
            engine.onRebootCompleted(reboot);
        }
    }
}
