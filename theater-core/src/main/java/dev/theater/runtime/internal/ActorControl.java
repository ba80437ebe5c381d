package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.manifest.Durations;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control requests of an actor's {@link dev.theater.spi.ActorController}: pause, resume, graceful shutdown (forced
 * when its timeout passes) and forced stop. Each hands an event to the actor's {@link Lifecycle} state under the
 * actor's lock and carries out what the state answers; none waits for the running operation.
 */
final class ActorControl {
    private static final Logger LOG = LoggerFactory.getLogger(ActorControl.class);

    private final Actor actor;
    private final ActorLoop loop;
    /** Guarded by the actor's lock: the forced stop a shutdown's timeout brings. */
    private ScheduledFuture<?> escalation;

    ActorControl(Actor actor, ActorLoop loop) {
        this.actor = requireNonNull(actor, "actor is null");
        this.loop = requireNonNull(loop, "loop is null");
    }

    CompletableFuture<Void> pause() {
        synchronized (actor.lock()) {
            return switch (actor.apply(new Lifecycle.Pause())) {
                case Lifecycle.Closed closed -> CompletableFuture.failedFuture(actor.closed(closed.status()));
                case Lifecycle.AlreadyPaused already ->
                    CompletableFuture.failedFuture(new ActorException.AlreadyPaused(
                            actor.id(),
                            "actor '" + actor.name() + "' (" + actor.id() + ") is already "
                                    + (already.pending() ? "pausing (after its running operation)" : "paused")
                                    + "; call resume() to let it run again"));
                case Lifecycle.PauseLater later -> later.paused().copy();
                default -> CompletableFuture.completedFuture(null);
            };
        }
    }

    CompletableFuture<Void> resume() {
        boolean schedule = false;
        synchronized (actor.lock()) {
            switch (actor.apply(new Lifecycle.Resume())) {
                case Lifecycle.Closed closed -> {
                    return CompletableFuture.failedFuture(actor.closed(closed.status()));
                }
                case Lifecycle.NotPaused not -> {
                    return CompletableFuture.failedFuture(new ActorException.NotPaused(
                            actor.id(),
                            "actor '" + actor.name() + "' (" + actor.id() + ") is "
                                    + not.status().name()
                                    + ", not paused, so it cannot resume"
                                    + (not.pausePending()
                                            ? "; its pause takes effect when the running operation ends: resume after"
                                                    + " pause()'s future completes"
                                            : "")));
                }
                default -> schedule = !loop.mailbox().isEmpty() && loop.scheduleDrainLocked();
            }
        }
        if (schedule) {
            loop.start();
        }
        return CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> shutdown(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        boolean finishNow = false;
        boolean schedule = false;
        CompletableFuture<Void> abandonedPause = null;
        synchronized (actor.lock()) {
            String reason = "shutdown(" + Durations.describe(timeout) + ")";
            switch (actor.apply(
                    new Lifecycle.Shutdown(reason, loop.busy(), loop.mailbox().isEmpty()))) {
                case Lifecycle.Closed closed -> {
                    return CompletableFuture.failedFuture(actor.closed(closed.status()));
                }
                case Lifecycle.AlreadyEnding ending -> {
                    scheduleEscalation(timeout);
                    return actor.terminated();
                }
                case Lifecycle.ShuttingDownNow now -> {
                    abandonedPause = now.abandonedPause();
                    scheduleEscalation(timeout);
                    if (now.finishNow()) {
                        actor.apply(new Lifecycle.Finish(new ActorStatus.Stopped()));
                        finishNow = true;
                    } else if (now.drain()) {
                        schedule = loop.scheduleDrainLocked();
                    }
                }
                default -> {}
            }
        }
        actor.shutdownSignal().request();
        failPause(abandonedPause);
        if (schedule) {
            loop.start();
        }
        if (finishNow) {
            actor.context().pool().execute(() -> actor.finish(new ActorStatus.Stopped()));
        }
        return actor.terminated();
    }

    /** Under the lock: forces the stop when {@code timeout} passes, unless an earlier deadline is already set. */
    private void scheduleEscalation(Duration timeout) {
        long delay = Math.max(0, timeout.toNanos());
        if (escalation != null && escalation.getDelay(TimeUnit.NANOSECONDS) <= delay) {
            return;
        }
        if (escalation != null) {
            escalation.cancel(false);
        }
        escalation = actor.context().timer().schedule(this::escalate, delay, TimeUnit.NANOSECONDS);
    }

    private void escalate() {
        LOG.debug("actor '{}' ({}) did not stop within its shutdown timeout; forcing it", actor.name(), actor.id());
        forceStop();
    }

    CompletableFuture<Void> forceStop() {
        Mailbox.Dropped dropped = Mailbox.Dropped.NONE;
        Runnable wake = null;
        Operation victim = null;
        boolean finishNow = false;
        CompletableFuture<Void> abandonedPause = null;
        synchronized (actor.lock()) {
            switch (actor.apply(new Lifecycle.ForceStop(loop.running() != null, loop.drainScheduled()))) {
                case Lifecycle.Closed closed -> {
                    return CompletableFuture.failedFuture(actor.closed(closed.status()));
                }
                case Lifecycle.AlreadyEnding ending -> {
                    return actor.terminated();
                }
                case Lifecycle.Forced forced -> {
                    if (escalation != null) {
                        escalation.cancel(false);
                    }
                    dropped = loop.mailbox().clear();
                    abandonedPause = forced.abandonedPause();
                    if (forced.interrupt()) {
                        victim = loop.running();
                        Operation.InterruptReason previous = victim.interruptReason;
                        victim.interruptReason = Operation.InterruptReason.FORCE_STOP;
                        if (previous == null && victim.runsGuestCode()) {
                            actor.instance().interrupt();
                        }
                        wake = victim.wake;
                    } else if (forced.finishNow()) {
                        actor.apply(new Lifecycle.Finish(new ActorStatus.Stopped()));
                        finishNow = true;
                    }
                }
                default -> {}
            }
        }
        actor.shutdownSignal().request();
        if (wake != null) {
            wake.run();
        }
        dropped.fail(actor.closed(new ActorStatus.ShuttingDown()));
        failPause(abandonedPause);
        if (victim != null) {
            victim.future.completeExceptionally(actor.runner().interrupted(victim, null));
        }
        if (finishNow) {
            actor.context().pool().execute(() -> actor.finish(new ActorStatus.Stopped()));
        }
        return actor.terminated();
    }

    void failPause(CompletableFuture<Void> pending) {
        if (pending != null) {
            pending.completeExceptionally(actor.closed(new ActorStatus.ShuttingDown()));
        }
    }

    /** Under the lock: the actor is ending; no forced stop follows. */
    void cancelEscalation() {
        if (escalation != null) {
            escalation.cancel(false);
        }
    }
}
