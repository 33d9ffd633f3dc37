package org.staypuft.orchestrator.run.command;

import java.time.OffsetDateTime;

/**
 * A command on its way: the step waits for the answer to {@code requestId} until {@code deadlineAt}.
 *
 * @param sentAt when it went into the outbox
 */
public record Sent(String requestId, OffsetDateTime sentAt, OffsetDateTime deadlineAt) {
}
