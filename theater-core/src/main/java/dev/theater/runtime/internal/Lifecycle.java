package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorException;
import dev.theater.spi.ActorStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An actor's life cycle as explicit states, each with one transition function ({@link State#on}): given an event, a
 * state answers the states to pass through and what the actor must do. The functions are pure; the {@link Actor}
 * calls them under its lock, publishes and records the status changes, and carries out the {@link Outcome}.
 *
 * <pre>
 * Starting ─init ok─▶ Idle ⇄ Processing        Idle ⇄ Paused        any ─shutdown/forceStop─▶ ShuttingDown
 * any ─fail─▶ Failing (the running operation is interrupted)         any ─release─▶ Finishing ─▶ Ended
 * </pre>
 *
 * A pause asked for while an operation runs is pending in {@link Starting} and {@link Processing} and takes effect
 * when the operation ends.
 */
final class Lifecycle {
    private Lifecycle() {}

    /** What happens to an actor. The scheduling facts come with the events that need them. */
    sealed interface Event {}

    /** The drain loop looks for the next operation; {@code next} is the name of the first one waiting, or null. */
    record Next(String next, Instant now) implements Event {}

    /** The running operation ended. */
    record Ended(String operation, boolean init, ActorException failure, boolean mailboxEmpty) implements Event {}

    record Pause() implements Event {}

    record Resume() implements Event {}

    /**
     * @param busy whether an operation runs or a drain loop is scheduled
     */
    record Shutdown(String reason, boolean busy, boolean mailboxEmpty) implements Event {}

    record ForceStop(boolean running, boolean drainScheduled) implements Event {}

    record Fail(String reason, boolean running, boolean drainScheduled) implements Event {}

    /** The actor starts releasing what it holds, to end as {@code end}. */
    record Finish(ActorStatus end) implements Event {}

    /** Everything is released. */
    record Released() implements Event {}

    /** What the actor does after a transition. */
    sealed interface Outcome {}

    /** Nothing more: the request is done, the loop goes on. */
    record Done() implements Outcome {}

    /** The request is refused: the actor is ending or ended, with this status. */
    record Closed(ActorStatus status) implements Outcome {}

    /** {@code pause()} of an actor that is paused, or pausing after its running operation. */
    record AlreadyPaused(boolean pending) implements Outcome {}

    /** {@code resume()} of an actor that is not paused. */
    record NotPaused(ActorStatus status, boolean pausePending) implements Outcome {}

    /** The pause is pending: {@code pause()} completes with this future, when the running operation ends. */
    record PauseLater(CompletableFuture<Void> paused) implements Outcome {}

    /** The drain loop runs the next operation. */
    record Run() implements Outcome {}

    /** The drain loop ends: nothing to run now. */
    record StopLoop() implements Outcome {}

    /** The actor paused after its operation: complete the pending {@code pause()}, end the drain loop. */
    record PausedNow(CompletableFuture<Void> paused) implements Outcome {}

    /** The actor is idle again after {@code resume()}: run what waits in the mailbox. */
    record Resumed() implements Outcome {}

    /** Release everything and end as {@code end} ({@link Finish}). */
    record FinishAs(ActorStatus end) implements Outcome {}

    /**
     * The actor shuts down: fail {@code abandonedPause} (may be null), and drain what is queued (when no loop runs
     * and none would), or finish at once when nothing is queued.
     */
    record ShuttingDownNow(CompletableFuture<Void> abandonedPause, boolean finishNow, boolean drain)
            implements Outcome {}

    /** Already shutting down: apply the new timeout too, if it is shorter. */
    record AlreadyEnding(boolean escalate) implements Outcome {}

    /**
     * Stop now: drop what is queued, fail {@code abandonedPause} (may be null), interrupt the running operation, or
     * finish at once when nothing runs and no loop is scheduled.
     */
    record Forced(CompletableFuture<Void> abandonedPause, boolean interrupt, boolean finishNow) implements Outcome {}

    /** Interrupt the running operation; the drain loop finishes the actor when it ends. */
    record Interrupt() implements Outcome {}

    /** The states passed through, in order (empty: the state stays), and what to do then. */
    record Step(List<Transition> transitions, Outcome outcome) {
        Step {
            transitions = List.copyOf(transitions);
            requireNonNull(outcome, "outcome is null");
        }

        static Step stay(Outcome outcome) {
            return new Step(List.of(), outcome);
        }

        static Step to(State next, String reason, Outcome outcome) {
            return new Step(List.of(new Transition(next, reason)), outcome);
        }
    }

    /** One state change; {@code reason} is what the chain records as its cause, or null. */
    record Transition(State next, String reason) {}

    /** A state of the life cycle: what the controller shows, and the transition function. */
    sealed interface State {
        /** The status {@link dev.theater.spi.ActorController#status()} shows in this state. */
        ActorStatus status();

        /** The transition function of this state. */
        Step on(Event event);

        /** Whether the actor takes new operations. */
        default boolean takesWork() {
            return true;
        }

        /** A {@code pause()} waiting for the running operation to end, or null. */
        default CompletableFuture<Void> pendingPause() {
            return null;
        }

        /** Whether a forced stop ends this actor. */
        default boolean forced() {
            return false;
        }
    }

    static State initial() {
        return new Starting(new ActorStatus.Starting(), null);
    }

    /** {@code init} is queued or running. */
    record Starting(ActorStatus.Starting status, CompletableFuture<Void> pendingPause) implements State {
        @Override
        public Step on(Event event) {
            return switch (event) {
                case Next next -> Step.stay(next.next() == null ? new StopLoop() : new Run());
                case Ended ended
                when ended.failure() != null ->
                    Step.stay(new FinishAs(new ActorStatus.Failed(
                            "init failed: " + ended.failure().getMessage())));
                case Ended ended -> {
                    Transition idle = new Transition(new Idle(new ActorStatus.Idle()), "init succeeded");
                    if (pendingPause != null) {
                        Transition paused = new Transition(
                                new Paused(new ActorStatus.Paused()), "pause() after " + ended.operation());
                        yield new Step(List.of(idle, paused), new PausedNow(pendingPause));
                    }
                    yield new Step(List.of(idle), new Done());
                }
                case Pause pause ->
                    pendingPause != null
                            ? Step.stay(new AlreadyPaused(true))
                            : pauseLater(paused -> new Starting(status, paused));
                case Resume resume -> Step.stay(new NotPaused(status, pendingPause != null));
                default -> ending(this, event);
            };
        }
    }

    record Idle(ActorStatus.Idle status) implements State {
        @Override
        public Step on(Event event) {
            return switch (event) {
                case Next next when next.next() != null -> Step.to(processing(next, null), null, new Run());
                case Next next -> Step.stay(new StopLoop());
                case Ended ended -> Step.stay(new Done());
                case Pause pause -> Step.to(new Paused(new ActorStatus.Paused()), "pause()", new Done());
                case Resume resume -> Step.stay(new NotPaused(status, false));
                default -> ending(this, event);
            };
        }
    }

    /** An operation runs; {@code init} has run. */
    record Processing(ActorStatus.Processing status, CompletableFuture<Void> pendingPause) implements State {
        @Override
        public Step on(Event event) {
            return switch (event) {
                case Next next when next.next() != null -> Step.to(processing(next, pendingPause), null, new Run());
                case Next next -> Step.stay(new StopLoop());
                case Ended ended
                when pendingPause != null ->
                    Step.to(
                            new Paused(new ActorStatus.Paused()),
                            "pause() after " + ended.operation(),
                            new PausedNow(pendingPause));
                case Ended ended
                when ended.mailboxEmpty() -> Step.to(new Idle(new ActorStatus.Idle()), null, new Done());
                case Ended ended -> Step.stay(new Done());
                case Pause pause ->
                    pendingPause != null
                            ? Step.stay(new AlreadyPaused(true))
                            : pauseLater(paused -> new Processing(status, paused));
                case Resume resume -> Step.stay(new NotPaused(status, pendingPause != null));
                default -> ending(this, event);
            };
        }
    }

    record Paused(ActorStatus.Paused status) implements State {
        @Override
        public Step on(Event event) {
            return switch (event) {
                case Next next -> Step.stay(new StopLoop());
                case Ended ended -> Step.stay(new Done());
                case Pause pause -> Step.stay(new AlreadyPaused(false));
                case Resume resume -> Step.to(new Idle(new ActorStatus.Idle()), "resume()", new Resumed());
                default -> ending(this, event);
            };
        }
    }

    /** The actor finishes what is queued and takes nothing new; forced: it drops the queue and is interrupted. */
    record ShuttingDown(ActorStatus.ShuttingDown status, boolean forced) implements State {
        @Override
        public boolean takesWork() {
            return false;
        }

        @Override
        public Step on(Event event) {
            return switch (event) {
                case Next next -> Step.stay(next.next() == null ? new FinishAs(new ActorStatus.Stopped()) : new Run());
                case Ended ended
                when ended.init() && ended.failure() != null ->
                    Step.stay(new FinishAs(
                            forced
                                    ? new ActorStatus.Stopped()
                                    : new ActorStatus.Failed(
                                            "init failed: " + ended.failure().getMessage())));
                case Ended ended -> Step.stay(new Done());
                case Pause pause -> Step.stay(new Closed(status));
                case Resume resume -> Step.stay(new Closed(status));
                case Shutdown shutdown -> Step.stay(new AlreadyEnding(true));
                case ForceStop force when forced -> Step.stay(new AlreadyEnding(false));
                case ForceStop force ->
                    Step.to(
                            new ShuttingDown(status, true),
                            null,
                            new Forced(null, force.running(), !force.running() && !force.drainScheduled()));
                default -> ending(this, event);
            };
        }
    }

    /**
     * The actor fails for {@code reason}: its running operation is being interrupted; it shows the status it had.
     */
    record Failing(ActorStatus status, String reason, CompletableFuture<Void> pendingPause, boolean forced)
            implements State {
        @Override
        public boolean takesWork() {
            return !(status instanceof ActorStatus.ShuttingDown);
        }

        @Override
        public Step on(Event event) {
            return switch (event) {
                case Next next -> Step.stay(new FinishAs(new ActorStatus.Failed(reason)));
                case Ended ended -> Step.stay(new FinishAs(new ActorStatus.Failed(reason)));
                case Pause pause -> Step.stay(new Closed(status));
                case Resume resume -> Step.stay(new Closed(status));
                case Shutdown shutdown -> Step.stay(new AlreadyEnding(true));
                case ForceStop force ->
                    Step.to(new Failing(status, reason, pendingPause, true), null, new Forced(null, false, false));
                case Fail fail -> Step.stay(new Done());
                default -> ending(this, event);
            };
        }
    }

    /** The actor releases its handlers, instance and chain, to end as {@code end}; it shows the status it had. */
    record Finishing(ActorStatus status, ActorStatus end, CompletableFuture<Void> pendingPause, boolean forced)
            implements State {
        @Override
        public boolean takesWork() {
            return false;
        }

        @Override
        public Step on(Event event) {
            return switch (event) {
                case Next next -> Step.stay(new StopLoop());
                case Ended ended -> Step.stay(new Done());
                case Pause pause -> Step.stay(new Closed(status));
                case Resume resume -> Step.stay(new Closed(status));
                case Shutdown shutdown -> Step.stay(new AlreadyEnding(true));
                case ForceStop force -> Step.stay(new AlreadyEnding(false));
                case Released released ->
                    Step.to(new Over(end), forced ? "force-stopped" : "no operations left", new Done());
                default -> Step.stay(new Done());
            };
        }
    }

    /** Stopped or failed: final. */
    record Over(ActorStatus status) implements State {
        @Override
        public boolean takesWork() {
            return false;
        }

        @Override
        public Step on(Event event) {
            return switch (event) {
                case Next next -> Step.stay(new StopLoop());
                case Ended ended -> Step.stay(new Done());
                case Fail fail -> Step.stay(new Done());
                case Finish finish -> Step.stay(new Done());
                case Released released -> Step.stay(new Done());
                default -> Step.stay(new Closed(status));
            };
        }
    }

    /** The requests every running state answers alike: shutdown, forced stop, failure and finishing. */
    private static Step ending(State state, Event event) {
        return switch (event) {
            case Shutdown shutdown ->
                Step.to(
                        new ShuttingDown(new ActorStatus.ShuttingDown(), false),
                        shutdown.reason(),
                        new ShuttingDownNow(
                                state.pendingPause(),
                                !shutdown.busy() && shutdown.mailboxEmpty(),
                                !shutdown.busy() && !shutdown.mailboxEmpty()));
            case ForceStop force ->
                Step.to(
                        new ShuttingDown(new ActorStatus.ShuttingDown(), true),
                        "forceStop()",
                        new Forced(state.pendingPause(), force.running(), !force.running() && !force.drainScheduled()));
            case Fail fail ->
                new Step(
                        List.of(new Transition(
                                new Failing(state.status(), fail.reason(), state.pendingPause(), state.forced()),
                                null)),
                        fail.running()
                                ? new Interrupt()
                                : fail.drainScheduled()
                                        ? new Done()
                                        : new FinishAs(new ActorStatus.Failed(fail.reason())));
            case Finish finish ->
                Step.to(
                        new Finishing(state.status(), finish.end(), state.pendingPause(), state.forced()),
                        null,
                        new Done());
            default -> Step.stay(new Done());
        };
    }

    private static Step pauseLater(Function<CompletableFuture<Void>, State> pending) {
        CompletableFuture<Void> paused = new CompletableFuture<>();
        return Step.to(pending.apply(paused), null, new PauseLater(paused));
    }

    private static Processing processing(Next next, CompletableFuture<Void> pendingPause) {
        return new Processing(new ActorStatus.Processing(next.next(), next.now()), pendingPause);
    }
}
