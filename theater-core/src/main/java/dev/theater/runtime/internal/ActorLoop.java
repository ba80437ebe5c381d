package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorException;
import dev.theater.spi.ActorStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling of one actor: admits operations into its {@link Mailbox} (or parks messages until there is room),
 * runs them one at a time in mailbox order in a drain loop on the runtime's pool, and keeps the operation that runs,
 * for interruption and for host functions that wait. Guarded by the actor's lock; the loop never holds it while an
 * operation runs.
 */
final class ActorLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ActorLoop.class);

    private final Actor actor;
    private final Mailbox mailbox;
    private final OperationRunner runner;
    /** Guarded by the actor's lock: a drain loop runs or is queued. Set at first: nothing runs before start. */
    private boolean drainScheduled = true;
    /** Guarded by the actor's lock. */
    private Operation running;

    ActorLoop(Actor actor, Mailbox mailbox, OperationRunner runner) {
        this.actor = requireNonNull(actor, "actor is null");
        this.mailbox = requireNonNull(mailbox, "mailbox is null");
        this.runner = requireNonNull(runner, "runner is null");
    }

    Mailbox mailbox() {
        return mailbox;
    }

    /** Under the lock: the operation that runs, or null. */
    Operation running() {
        return running;
    }

    /** Under the lock: whether a drain loop runs or is queued. */
    boolean drainScheduled() {
        return drainScheduled;
    }

    /** Under the lock: whether an operation runs or a drain loop is queued. */
    boolean busy() {
        return running != null || drainScheduled;
    }

    /** Queues {@code op} first, before the loop may start ({@code init}). */
    void first(Operation op) {
        synchronized (actor.lock()) {
            mailbox.add(op);
        }
    }

    /** Starts the drain loop on the runtime's pool. */
    void start() {
        actor.context().pool().execute(this::drain);
    }

    CompletableFuture<Object> submit(Operation op) {
        boolean schedule;
        synchronized (actor.lock()) {
            if (!actor.phase().takesWork()) {
                op.future.completeExceptionally(actor.closed(actor.phase().status()));
                return op.future;
            }
            if (mailbox.isFull()) {
                op.future.completeExceptionally(mailbox.full(op));
                return op.future;
            }
            mailbox.add(op);
            schedule = scheduleDrainLocked();
        }
        if (schedule) {
            actor.context().pool().execute(this::drain);
        }
        return op.future;
    }

    /**
     * Queues a message operation. When the mailbox is full, the operation waits for room, in order with the other
     * waiting ones and without holding a thread, for up to {@code wait}; then it fails with {@code MailboxFull}
     * naming this actor and its limit. The returned future completes when the operation is in the mailbox, and fails
     * (as the operation's own future does) when it never gets there. Failures complete outside the actor's lock, so
     * whatever depends on the operation's future may take other actors' locks.
     */
    CompletableFuture<Void> offer(Operation op, Duration wait) {
        ActorException refused = null;
        Mailbox.Waiting waiting = null;
        boolean schedule = false;
        synchronized (actor.lock()) {
            if (!actor.phase().takesWork()) {
                refused = actor.closed(actor.phase().status());
            } else if (mailbox.mustWait()) {
                if (wait.isZero() || wait.isNegative()) {
                    refused = mailbox.full(op, Duration.ZERO);
                } else {
                    Mailbox.Waiting w = mailbox.park(op);
                    w.timer = actor.context()
                            .timer()
                            .schedule(() -> expire(w, wait), wait.toNanos(), TimeUnit.NANOSECONDS);
                    waiting = w;
                }
            } else {
                mailbox.add(op);
                schedule = scheduleDrainLocked();
            }
        }
        if (refused != null) {
            op.future.completeExceptionally(refused);
            return CompletableFuture.failedFuture(refused);
        }
        if (schedule) {
            actor.context().pool().execute(this::drain);
        }
        return waiting == null ? CompletableFuture.completedFuture(null) : waiting.admitted;
    }

    /**
     * Takes {@code op} back out of the operations waiting for room and fails it with {@code reason}; returns false
     * when it is no longer waiting (it is in the mailbox, or already failed).
     */
    boolean withdraw(Operation op, ActorException reason) {
        Mailbox.Waiting found;
        synchronized (actor.lock()) {
            found = mailbox.withdraw(op);
        }
        if (found == null) {
            return false;
        }
        found.fail(reason);
        return true;
    }

    private void expire(Mailbox.Waiting w, Duration wait) {
        synchronized (actor.lock()) {
            if (!mailbox.unpark(w)) {
                return;
            }
        }
        w.fail(mailbox.full(w.op, wait));
    }

    /** Under the lock: whether the caller must start a drain loop (none runs, and the actor is not paused). */
    boolean scheduleDrainLocked() {
        if (drainScheduled || actor.phase() instanceof Lifecycle.Paused) {
            return false;
        }
        drainScheduled = true;
        return true;
    }

    /**
     * Blocks the running operation's thread, inside one of its host functions, until {@code future} completes or
     * {@code timeoutNanos} pass. When the operation is interrupted meanwhile (call timeout, {@code forceStop()}, the
     * actor failing) the wait ends at once with {@link OperationInterrupted}, which the host function must let
     * through: the operation then ends as {@code Timeout} or {@code Interrupted}.
     *
     * @throws ExecutionException when {@code future} fails
     * @throws TimeoutException when the time passes first
     */
    <T> T awaitInOperation(CompletableFuture<T> future, long timeoutNanos) throws ExecutionException, TimeoutException {
        CompletableFuture<T> waiter = new CompletableFuture<>();
        Operation op;
        Runnable wake = () -> waiter.completeExceptionally(new OperationInterrupted(actor));
        synchronized (actor.lock()) {
            op = running;
            if (op == null) {
                throw new IllegalStateException(
                        "actor '" + actor.name() + "' (" + actor.id() + ") has no running operation to wait"
                                + " in; host functions that wait run only during an operation (init or later)");
            }
            if (op.interruptReason != null) {
                throw new OperationInterrupted(actor);
            }
            op.wake = wake;
        }
        future.whenComplete((value, error) -> {
            if (error == null) {
                waiter.complete(value);
            } else {
                waiter.completeExceptionally(
                        error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error);
            }
        });
        try {
            return waiter.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterrupted(actor);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OperationInterrupted stopped) {
                throw stopped;
            }
            throw e;
        } finally {
            synchronized (actor.lock()) {
                if (op.wake == wake) {
                    op.wake = null;
                }
            }
        }
    }

    // ---- the drain loop ----

    void drain() {
        while (true) {
            Operation op = null;
            ActorStatus end = null;
            List<Mailbox.Waiting> admitted = List.of();
            synchronized (actor.lock()) {
                String next = mailbox.peekName();
                Instant now = actor.context().clock().instant();
                if (next != null) {
                    runner.begin(next, now); // published before Processing: a snapshot never shows one without it
                }
                switch (actor.apply(new Lifecycle.Next(next, now))) {
                    case Lifecycle.Run run -> {
                        op = mailbox.poll();
                        admitted = mailbox.admit();
                        running = op;
                    }
                    case Lifecycle.FinishAs finish -> {
                        runner.idle();
                        end = finish.end();
                        drainScheduled = false;
                        actor.apply(new Lifecycle.Finish(end));
                    }
                    default -> {
                        runner.idle();
                        drainScheduled = false;
                        return;
                    }
                }
            }
            admitted.forEach(Mailbox.Waiting::admit);
            if (end != null) {
                actor.finish(end);
                return;
            }
            if (!runOne(op)) {
                return;
            }
        }
    }

    /** Runs one operation; returns whether the drain loop goes on. */
    private boolean runOne(Operation op) {
        OperationRunner.Result result = runner.run(op);
        ActorException failure = result.failure();
        if (failure != null && OperationRunner.crashes(op, failure)) {
            actor.crashed(failure); // a supervised actor fails; the life cycle finishes it when the operation ends
        }
        return afterOperation(op, result);
    }

    /**
     * Moves the life cycle on after {@code op}, then completes its future: whoever waits for an operation sees the
     * actor's status after it (Idle, Paused, Stopped, Failed). Returns whether the drain loop goes on.
     */
    private boolean afterOperation(Operation op, OperationRunner.Result result) {
        CompletableFuture<Void> paused = null;
        ActorStatus end = null;
        synchronized (actor.lock()) {
            boolean init = op instanceof GuestCall call && call.isInit();
            switch (actor.apply(new Lifecycle.Ended(op.name(), init, result.failure(), mailbox.isEmpty()))) {
                case Lifecycle.FinishAs finish -> {
                    end = finish.end();
                    drainScheduled = false;
                    actor.apply(new Lifecycle.Finish(end));
                }
                case Lifecycle.PausedNow now -> {
                    paused = now.paused();
                    drainScheduled = false;
                }
                default -> {}
            }
        }
        if (end != null) {
            actor.finish(end);
        }
        if (result.failure() == null) {
            op.future.complete(result.value());
        } else {
            op.future.completeExceptionally(result.failure());
        }
        if (paused != null) {
            paused.complete(null);
        }
        return end == null && paused == null;
    }

    /** The operation's call timeout passed: interrupts it, unless it already ended or was interrupted. */
    void interrupt(Operation op, Operation.InterruptReason reason) {
        Runnable wake;
        synchronized (actor.lock()) {
            if (running != op || op.interruptReason != null) {
                return;
            }
            wake = interruptLocked(op, reason);
        }
        if (wake != null) {
            wake.run();
        }
        LOG.debug(
                "actor '{}' ({}) operation {} passed its call timeout; interrupting it",
                actor.name(),
                actor.id(),
                op.name());
    }

    /** Under the lock: asks the engine to stop {@code op}; returns what wakes a host function it waits in. */
    Runnable interruptLocked(Operation op, Operation.InterruptReason reason) {
        if (op.interruptReason != null) {
            return null;
        }
        op.interruptReason = reason;
        if (op.runsGuestCode()) {
            actor.instance().interrupt();
        }
        return op.wake;
    }

    /** The running operation returned: no interrupt meant for it reaches the next one. Returns why it was stopped. */
    Operation.InterruptReason endRunning(Operation op) {
        synchronized (actor.lock()) {
            Operation.InterruptReason reason = op.interruptReason;
            running = null;
            if (reason != null && op.runsGuestCode()) {
                actor.instance().clearInterrupt();
            }
            return reason;
        }
    }
}
