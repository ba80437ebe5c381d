package dev.theater.handler.supervisor;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and timer supervision runs on: restart intensity is measured with {@link #now()}, and a restart waits
 * for its backoff as a task {@link #schedule}d for later, never on a spinning or sleeping thread. {@link
 * SystemScheduler} is the real one; {@link VirtualScheduler} lets tests move time by hand.
 */
public interface Scheduler {
    /** The current time. */
    Instant now();

    /** Runs {@code task} once, {@code delay} from now, on a thread of the scheduler's choosing. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        /** Prevents the task from running if it has not started; idempotent. */
        void cancel();
    }
}
