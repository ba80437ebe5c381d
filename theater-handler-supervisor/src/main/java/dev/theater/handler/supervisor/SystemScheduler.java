package dev.theater.handler.supervisor;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real {@link Scheduler}: the system clock, one daemon timer thread ({@code theater-supervisor-timer}) that only
 * hands due tasks over, and daemon worker threads ({@code theater-supervisor-N}, created as needed) that run them, so a
 * restart waiting for a slow {@code init} never delays another supervisor's restart.
 */
public final class SystemScheduler implements Scheduler {
    private static final SystemScheduler SHARED = new SystemScheduler(Clock.systemUTC());

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;

    private SystemScheduler(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1, daemons("theater-supervisor-timer"));
        scheduled.setRemoveOnCancelPolicy(true);
        this.timer = scheduled;
        this.workers = Executors.newCachedThreadPool(daemons("theater-supervisor-"));
    }

    /** The scheduler every supervisor handler shares unless it is given another. */
    public static SystemScheduler shared() {
        return SHARED;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return task -> {
            Thread thread = new Thread(task, prefix.endsWith("-") ? prefix + next.getAndIncrement() : prefix);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        requireNonNull(delay, "delay is null");
        requireNonNull(task, "task is null");
        ScheduledFuture<?> future =
                timer.schedule(() -> workers.execute(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public String toString() {
        return "SystemScheduler[" + clock + "]";
    }
}
