package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorException;
import java.util.concurrent.CompletableFuture;

/**
 * One entry of an actor's mailbox: work that runs on the actor's serial executor, and the future its submitter
 * waits on. Subclasses say what the work is and what the chain records about it.
 */
abstract class Operation {
    /** Why the runtime asked the engine to stop this operation; {@code null} while nobody has. */
    enum InterruptReason {
        FORCE_STOP,
        TIMEOUT
    }

    private final String name;
    final CompletableFuture<Object> future = new CompletableFuture<>();

    /** Guarded by the actor's lock. */
    InterruptReason interruptReason;

    /**
     * Wakes a host function of this operation that is blocked waiting (a request to another actor); {@code null}
     * while none waits. Guarded by the actor's lock; run after the lock is released, once an interrupt reason is set.
     */
    Runnable wake;

    Operation(String name) {
        this.name = requireNonNull(name, "name is null");
    }

    /** What {@code metrics().currentOperation()} and {@code Processing} show, e.g. the export name. */
    final String name() {
        return name;
    }

    /** Whether this runs guest code, so that {@code call_timeout} applies and the engine may interrupt it. */
    abstract boolean runsGuestCode();

    /** Runs on the actor's thread; the actor's lock is not held. */
    abstract Object run(Actor actor) throws Exception;

    /** Records the start in the chain, on the actor's thread, just before {@link #run}. */
    void recordStart(Actor actor) {}

    /** Records the outcome in the chain: {@code failure} is null on success. */
    void recordEnd(Actor actor, Object value, ActorException failure) {}
}
