package org.staypuft.runner.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.runner.config.RunnerConfig;
import org.staypuft.runner.puppet.PuppetRunHandler;
import org.staypuft.runner.reboot.RebootHandler;
import org.staypuft.runner.request.HostLanes;
import org.staypuft.runner.request.RequestHandler;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Takes run and reboot commands off {@code staypuft.puppet-commands.v1}. Each record is recorded in one transaction
 * (inbox id + request row), then handed to its dispatcher after the commit: the consumer never waits for a host.
 */
@ApplicationScoped
public class PuppetCommandsConsumer {

    private static final Logger LOG = Logger.getLogger(PuppetCommandsConsumer.class);
    private static final Duration WAIT_LOG_INTERVAL = Duration.ofSeconds(5);

    @Inject
    EventInbox inbox;

    @Inject
    PuppetRunHandler puppetRuns;

    @Inject
    RebootHandler reboots;

    @Inject
    RunnerConfig config;

    @Inject
    HostLanes lanes;

    @Incoming(Channels.PUPPET_COMMANDS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        awaitRoom();
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

    /**
     * Back-pressure: while this replica holds {@code queue-capacity} runs and reboots, the next command stays in
     * Kafka. Blocking here keeps the connector from requesting more records, so it pauses fetching (the consumer
     * stays in its group); the throttled commit's age check is off for this channel (application.properties).
     */
    private void awaitRoom() {
        int capacity = config.queueCapacity();
        boolean told = false;
        try {
            while (!lanes.awaitRoom(capacity, WAIT_LOG_INTERVAL)) {
                if (!told) {
                    LOG.infof("Holding %d runs and reboots (staypuft.runner.queue-capacity %d): taking no more "
                            + "commands off Kafka until one finishes", lanes.held(), capacity);
                    told = true;
                }
            }
        } catch (InterruptedException e) {
            // Stopping: take this one command anyway rather than fail it into the dead-letter topic.
            Thread.currentThread().interrupt();
        }
        if (told) {
            LOG.infof("Room again (%d held): taking commands off Kafka", lanes.held());
        }
    }

    private static <R> void accept(RequestHandler<R> handler, R request, List<Runnable> afterCommit) {
        handler.accept(request).ifPresent(accepted -> afterCommit.add(() -> handler.dispatch(accepted, 0)));
    }
}
