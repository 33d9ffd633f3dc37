package org.staypuft.runner.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.runner.puppet.PuppetRunHandler;
import org.staypuft.runner.reboot.RebootHandler;
import org.staypuft.runner.request.RequestHandler;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Takes run and reboot commands off {@code staypuft.puppet-commands.v1}. Each record is recorded in one transaction
 * (inbox id + request row), then handed to its dispatcher after the commit: the consumer never waits for a host.
 */
@ApplicationScoped
public class PuppetCommandsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    PuppetRunHandler puppetRuns;

    @Inject
    RebootHandler reboots;

    @Incoming(Channels.PUPPET_COMMANDS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        List<Runnable> afterCommit = new ArrayList<>(1);
        inbox.process(Channels.COMMANDS_CONSUMER, record, event -> {
            afterCommit.clear(); // a retried transaction starts over
            switch (event.type()) {
                case PUPPET_RUN_REQUESTED -> accept(puppetRuns, event.payloadAs(RequestPuppetRun.class), afterCommit);
                case REBOOT_REQUESTED -> accept(reboots, event.payloadAs(RequestReboot.class), afterCommit);
                default -> {
                    // another command on this topic is not ours
                }
            }
        });
        afterCommit.forEach(Runnable::run);
    }

    private static <R> void accept(RequestHandler<R> handler, R request, List<Runnable> afterCommit) {
        handler.accept(request).ifPresent(accepted -> afterCommit.add(() -> handler.dispatch(accepted, 0)));
    }
}
