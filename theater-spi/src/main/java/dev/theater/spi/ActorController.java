package dev.theater.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The handle that watches and steers an actor. Never waits behind guest code: snapshots are immutable and returned at
 * once, control requests return at once with a future of their effect. After the actor stopped, methods that ask for
 * an effect fail with {@link ActorException.ChannelClosed}; snapshots keep answering.
 */
public interface ActorController {
    ActorId id();

    ActorStatus status();

    ActorMetrics metrics();

    /** The actor's current state bytes, if it has any. */
    Optional<byte[]> state();

    /** The actor's chain so far. */
    List<ChainEvent> chain();

    /**
     * Calls {@code listener} with every status change from now on, in order, on a runtime thread. Close the returned
     * subscription to stop.
     */
    Subscription statusChanges(Consumer<ActorStatus> listener);

    /**
     * Pauses after the running operation (if any) finishes; later operations wait, in order. Fails with {@link
     * ActorException.AlreadyPaused} when paused.
     */
    CompletableFuture<Void> pause();

    /** Resumes a paused actor; fails with {@link ActorException.NotPaused} otherwise. */
    CompletableFuture<Void> resume();

    /**
     * Stops gracefully: no new operations, queued ones finish, handlers are told; when {@code timeout} passes first,
     * the rest is forced as by {@link #forceStop()}. Completes when the actor is stopped.
     */
    CompletableFuture<Void> shutdown(Duration timeout);

    /**
     * Stops now: interrupts running guest code (its operation fails with {@link ActorException.Interrupted}), fails
     * queued operations, and completes when the actor is stopped.
     */
    CompletableFuture<Void> forceStop();

    /** A listener's registration; closing it stops delivery. */
    interface Subscription extends AutoCloseable {
        /** Stops delivery; idempotent. Throws nothing, unlike {@link AutoCloseable#close()}. */
        @Override
        void close();
    }
}
