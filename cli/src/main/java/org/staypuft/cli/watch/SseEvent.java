package org.staypuft.cli.watch;

/** One Server-Sent Event: its id (for Last-Event-ID), its name ({@code run}, {@code role}, {@code host}), its data. */
public record SseEvent(String id, String name, String data) {
}
