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
import org.staypuft.runner.puppet.PuppetRunDispatcher;
import org.staypuft.runner.puppet.PuppetRunService;
import org.staypuft.runner.reboot.RebootDispatcher;
import org.staypuft.runner.reboot.RebootService;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Takes run and reboot commands off {@code staypuft.puppet-commands.v1}. Each record is recorded in one transaction
 * (inbox id + request row), then handed to a dispatcher after the commit: the consumer never waits for a host.
 */
@ApplicationScoped
public class PuppetCommandsConsumer {

    /** The channel bound to {@link org.staypuft.events.Topics#PUPPET_COMMANDS}. */
    public static final String CHANNEL = "puppet-commands";
    /** The inbox name of this use case. */
    public static final String CONSUMER = "puppet-runner.commands";

    @Inject
    EventInbox inbox;

    @Inject
    PuppetRunService puppetRuns;

    @Inject
    PuppetRunDispatcher puppetRunDispatcher;

    @Inject
    RebootService reboots;

    @Inject
    RebootDispatcher rebootDispatcher;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        List<Runnable> afterCommit = new ArrayList<>(1);
        inbox.process(CONSUMER, record, event -> {
            afterCommit.clear(); // a retried transaction starts over
            switch (event.type()) {
                case PUPPET_RUN_REQUESTED -> puppetRuns.accept(event.payloadAs(RequestPuppetRun.class))
                        .ifPresent(run -> afterCommit.add(() -> puppetRunDispatcher.dispatch(run, 0)));
                case REBOOT_REQUESTED -> reboots.accept(event.payloadAs(RequestReboot.class))
                        .ifPresent(reboot -> afterCommit.add(() -> rebootDispatcher.dispatch(reboot)));
                default -> {
                    // another command on this topic is not ours
                }
            }
        });
        afterCommit.forEach(Runnable::run);
    }
}
