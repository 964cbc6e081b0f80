package org.rnnlab.dashboard.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The events waiting for one page, already written as server-sent-event frames. Bounded: a
 * page that cannot keep up is not allowed to hold the trainer's memory; its queue is emptied
 * and it is told to {@code resync} instead (it fetches the history again).
 */
final class Subscription implements AutoCloseable {
    static final int BACKLOG = 2048;
    static final String RESYNC = frame("resync", "{}");
    private static final String CLOSED = "";

    private final BlockingQueue<String> frames = new ArrayBlockingQueue<>(BACKLOG);
    private final Consumer<Subscription> onClose;
    private volatile boolean overflowed;
    private volatile boolean closed;

    Subscription(Consumer<Subscription> onClose) {
        this.onClose = onClose;
    }

    static String frame(String event, String json) {
        return "event: " + event + "\ndata: " + json + "\n\n";
    }

    void offer(String frame) {
        if (!closed && !frames.offer(frame)) {
            overflowed = true;
        }
    }

    /**
     * The next frame to send, {@link #RESYNC} after an overflow, or null when none came within
     * the timeout or the subscription closed (see {@link #isClosed()}).
     */
    String next(long timeout, TimeUnit unit) throws InterruptedException {
        if (overflowed) {
            overflowed = false;
            frames.clear();
            return RESYNC;
        }
        String frame = frames.poll(timeout, unit);
        return frame == null || frame == CLOSED ? null : frame;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            frames.clear();
            frames.offer(CLOSED); // wakes a waiting next()
            onClose.accept(this);
        }
    }
}
