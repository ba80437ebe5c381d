package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.wit.WitLibrary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What all actors of one runtime share: the elastic thread pool guest code runs on, the timer for call timeouts and
 * shutdown escalation, the clock, the WIT library and the compiled export adapters.
 */
public final class RuntimeContext implements AutoCloseable {
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final WitLibrary wit;
    private final Path chainDirectory;
    private final ConcurrentMap<String, ExportTarget> exports = new ConcurrentHashMap<>();

    public RuntimeContext(Clock clock, WitLibrary wit, Path chainDirectory) {
        this.clock = requireNonNull(clock, "clock is null");
        this.wit = requireNonNull(wit, "wit is null");
        this.chainDirectory = requireNonNull(chainDirectory, "chainDirectory is null");
        this.pool = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons("theater-actor-"));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemons("theater-timer-"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return task -> {
            Thread thread = new Thread(task, prefix + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    ExecutorService pool() {
        return pool;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    public Clock clock() {
        return clock;
    }

    public WitLibrary wit() {
        return wit;
    }

    Path chainDirectory() {
        return chainDirectory;
    }

    /**
     * The export {@code name} with its ABI adapter, resolved and checked against the actor convention once per
     * runtime.
     *
     * @throws IllegalArgumentException naming the export and what is wrong with it
     */
    ExportTarget export(String name) {
        ExportTarget target = exports.get(name);
        return target != null ? target : exports.computeIfAbsent(name, n -> ExportTarget.resolve(n, wit));
    }

    /** Stops the threads; waits up to {@code grace} for running work to end. */
    public void shutdown(Duration grace) {
        timer.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(1));
    }
}
