package dev.theater.handler.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;

/**
 * Writes a process's stdin on a thread of its own, in order. {@code os-write-stdin} only queues: writing on the
 * actor's thread could block on a process that is itself blocked writing output the actor has not yet received.
 * At most {@link #MAX_PENDING_BYTES} may wait; an empty write closes stdin once everything before it is written.
 */
final class StdinWriter {
    static final int MAX_PENDING_BYTES = 1 << 20;

    private final long id;
    private final ThreadFactory threads;
    private final Object lock = new Object();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private OutputStream out;
    private int pending;
    private boolean closeRequested;
    private String closedBecause;
    private Thread thread;

    StdinWriter(long id, ThreadFactory threads) {
        this.id = id;
        this.threads = requireNonNull(threads, "threads is null");
    }

    /** Called once the process exists, before the guest can learn its id. */
    void attach(OutputStream stream) {
        synchronized (lock) {
            out = requireNonNull(stream, "stream is null");
        }
    }

    /**
     * Queues {@code data}; an empty array closes stdin after what is queued. Returns how many bytes were accepted.
     *
     * @throws ProcessRefusal when stdin is closed or too much is already waiting
     */
    int write(byte[] data) throws ProcessRefusal {
        synchronized (lock) {
            if (closedBecause != null) {
                throw new ProcessRefusal("stdin of process " + id + " is closed: " + closedBecause);
            }
            if (closeRequested) {
                throw new ProcessRefusal("stdin of process " + id + " is closed: an empty os-write-stdin closed it");
            }
            if (out == null) {
                throw new ProcessRefusal("process " + id + " has no stdin yet");
            }
            if (data.length > MAX_PENDING_BYTES - pending) {
                throw new ProcessRefusal("stdin of process " + id + " already has " + pending + " bytes waiting and"
                        + " takes at most " + MAX_PENDING_BYTES + ": the process is not reading its input; wait for"
                        + " its output before writing more");
            }
            if (data.length == 0) {
                closeRequested = true;
            } else {
                queue.add(data.clone());
                pending += data.length;
            }
            if (thread == null) {
                thread = threads.newThread(this::run);
                thread.start();
            }
            lock.notifyAll();
            return data.length;
        }
    }

    /** Stops writing for good; what is still queued is dropped. */
    void close(String reason) {
        synchronized (lock) {
            if (closedBecause == null) {
                closedBecause = reason;
            }
            queue.clear();
            pending = 0;
            lock.notifyAll();
            if (thread == null && out != null) {
                closeQuietly(out);
            }
        }
    }

    private void run() {
        OutputStream stream;
        synchronized (lock) {
            stream = out;
        }
        while (true) {
            byte[] next;
            synchronized (lock) {
                while (queue.isEmpty() && !closeRequested && closedBecause == null) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closedBecause = "the handler stopped";
                    }
                }
                if (closedBecause != null || queue.isEmpty()) {
                    // Closed from outside, or an empty write asked for EOF after everything before it.
                    if (closedBecause == null) {
                        closedBecause = "an empty os-write-stdin closed it";
                    }
                    closeQuietly(stream);
                    return;
                }
                next = queue.poll();
            }
            try {
                stream.write(next);
                stream.flush();
            } catch (IOException e) {
                synchronized (lock) {
                    if (closedBecause == null) {
                        closedBecause = "the process no longer reads it (" + e.getMessage() + ")";
                    }
                    queue.clear();
                    pending = 0;
                }
                closeQuietly(stream);
                return;
            }
            synchronized (lock) {
                pending = Math.max(0, pending - next.length);
            }
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Closing a pipe whose reader is gone fails; the stream is closed either way.
        }
    }
}
