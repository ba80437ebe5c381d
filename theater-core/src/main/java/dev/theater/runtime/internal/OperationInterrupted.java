package dev.theater.runtime.internal;

/**
 * Ends a host function's wait because its operation is being stopped (call timeout, {@code forceStop()}, the actor
 * failing). Host functions let it through; the operation then fails as {@code Timeout} or {@code Interrupted}.
 */
final class OperationInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OperationInterrupted(Actor actor) {
        super("actor '" + actor.name() + "' (" + actor.id() + ") stopped waiting: its operation was interrupted");
    }
}
