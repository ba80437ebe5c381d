package dev.theater.handler.supervisor;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose time moves only when told to, for tests: {@link #advance} runs the tasks that fall due,
 * in order of their due time, on the calling thread, each seeing {@link #now()} at its due time. Nothing runs by
 * itself, so a test sees every backoff delay ({@link #requestedDelays()}) and decides when each restart happens,
 * without sleeping. Thread-safe: handlers schedule from runtime threads while a test advances.
 */
public final class VirtualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final List<Duration> requested = new ArrayList<>();
    private Instant now;
    private long nextSeq;

    /** A virtual clock that starts at {@code start}. */
    public VirtualScheduler(Instant start) {
        this.now = requireNonNull(start, "start is null");
    }

    /** A virtual clock that starts at 2025-01-01T00:00:00Z. */
    public VirtualScheduler() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    private final class Task implements Comparable<Task>, Cancellable {
        final Instant due;
        final long seq;
        final Runnable action;

        Task(Instant due, long seq, Runnable action) {
            this.due = due;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }

        @Override
        public void cancel() {
            synchronized (VirtualScheduler.this) {
                queue.remove(this);
                VirtualScheduler.this.notifyAll();
            }
        }
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        requireNonNull(delay, "delay is null");
        requireNonNull(task, "task is null");
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        requested.add(d);
        Task t = new Task(now.plus(d), nextSeq++, task);
        queue.add(t);
        notifyAll();
        return t;
    }

    /**
     * Moves the clock forward by {@code amount}, running every task that falls due on the way (also tasks those
     * tasks schedule, when they fall due within the amount), in order of their due time, on this thread.
     */
    public void advance(Duration amount) {
        requireNonNull(amount, "amount is null");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; amount was " + amount);
        }
        Instant target;
        synchronized (this) {
            target = now.plus(amount);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            next.action.run();
        }
    }

    /** Runs the tasks that are due now, without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock to the earliest pending task and runs what is due then; false when nothing is pending. */
    public boolean advanceToNext() {
        Duration until;
        synchronized (this) {
            Task next = queue.peek();
            if (next == null) {
                return false;
            }
            until = next.due.isAfter(now) ? Duration.between(now, next.due) : Duration.ZERO;
        }
        advance(until);
        return true;
    }

    /** How many tasks wait. */
    public synchronized int pending() {
        return queue.size();
    }

    /** The delay from now of each waiting task, soonest first. */
    public synchronized List<Duration> pendingDelays() {
        return queue.stream()
                .sorted()
                .map(t -> t.due.isAfter(now) ? Duration.between(now, t.due) : Duration.ZERO)
                .toList();
    }

    /** Every delay ever passed to {@link #schedule}, in order. */
    public synchronized List<Duration> requestedDelays() {
        return List.copyOf(requested);
    }

    /**
     * Waits (without moving the clock) until at least {@code count} tasks are pending, for tasks that other threads
     * schedule; returns false when {@code timeout} passes first.
     */
    public synchronized boolean awaitPending(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queue.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * Waits until {@code count} delays in all have been requested through {@link #schedule}; returns false when
     * {@code timeout} passes first.
     */
    public synchronized boolean awaitRequested(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requested.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return "VirtualScheduler[now=" + now + ", pending=" + queue.size() + "]";
    }
}
