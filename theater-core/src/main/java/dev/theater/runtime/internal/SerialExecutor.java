package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on threads of a shared pool; owns no thread while it has nothing
 * to do. Used to deliver an actor's status changes in order.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;

    SerialExecutor(Executor pool) {
        this.pool = requireNonNull(pool, "pool is null");
    }

    @Override
    public void execute(Runnable task) {
        requireNonNull(task, "task is null");
        synchronized (tasks) {
            tasks.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        pool.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (tasks) {
                task = tasks.poll();
                if (task == null) {
                    scheduled = false;
                    return;
                }
            }
            boolean ran = false;
            try {
                task.run();
                ran = true;
            } catch (RuntimeException e) {
                ran = true;
                LOG.warn("a status listener failed; the actor is unaffected", e);
            } finally {
                if (!ran) {
                    // An Error leaves this loop while scheduled is still true: without a new drain, every task
                    // queued now or later would wait forever.
                    pool.execute(this::drain);
                }
            }
        }
    }
}
