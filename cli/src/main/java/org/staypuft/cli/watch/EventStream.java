package org.staypuft.cli.watch;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An open event stream read on its own thread, so that the watcher can wait for the next event with a timeout: a
 * stream that stays silent must not stop the watcher from noticing (by asking) that the run has ended.
 */
final class EventStream implements AutoCloseable {

    /** What the reader thread hands over: an event, the end of the stream, or the error that ended it. */
    sealed interface Item permits Event, End, Broken {
    }

    record Event(SseEvent event) implements Item {
    }

    record End() implements Item {
    }

    record Broken(IOException error) implements Item {
    }

    private final InputStream stream;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Thread reader;

    EventStream(InputStream stream) {
        this.stream = stream;
        this.reader = new Thread(this::read, "staypuft-run-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next item, or null when none came within {@code timeout}. */
    Item next(Duration timeout) throws InterruptedException {
        return items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try {
            SseReader.read(stream, event -> items.add(new Event(event)));
            items.add(new End());
        } catch (IOException e) {
            items.add(new Broken(e));
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            stream.close();
        } catch (IOException e) {
            // closing a stream we give up on: nothing to do
        }
    }
}
