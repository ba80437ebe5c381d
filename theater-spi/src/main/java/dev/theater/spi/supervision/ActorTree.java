package dev.theater.spi.supervision;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorId;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.HandlerConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The supervision tree as one actor sees it: its children, which only it (or the embedding application) may stop or
 * restart. A handler reaches it through {@link HandlerConfig#actorTree()}; the {@code supervisor} handler builds the
 * {@code theater:simple/supervisor} interface and the restart policies on it.
 *
 * <p>The runtime keeps the tree: it records each child's parent, stops a parent's children before the parent,
 * refuses a child whose manifest asks for more than its parent has, and tells the parent how each child ended.
 * Policy (when to restart what, backoff, intensity) is the caller's: the tree only carries it out.
 *
 * <p>Use it once the actor has started. {@link #spawn} and {@link #restart} block the calling thread until the
 * child's {@code init} has run; the other methods return at once.
 */
public interface ActorTree {
    /** The actor this view belongs to: the parent of {@link #children()}. */
    ActorId self();

    /** How this actor supervises its children: the {@code [supervision]} table of its manifest. */
    SupervisionPolicy policy();

    /**
     * Spawns a child of this actor and returns once its {@code init} has succeeded. A supervised child fails as soon
     * as one of its operations traps, times out or returns an error; {@link #watch} reports it.
     *
     * @throws SupervisionException.PermissionDenied when the child's manifest grants a handler or a permission this
     *     actor's manifest does not; the message names each one
     * @throws SupervisionException.SpawnFailed when the manifest cannot be read, the module cannot be loaded, {@code
     *     init} fails, or this actor is stopping
     */
    Child spawn(ChildSpec spec);

    /** The children, running or ended but not stopped by this actor, in the order they were spawned. */
    List<Child> children();

    /** The child {@code id}, if it is one of {@link #children()}. */
    Optional<Child> child(ActorId id);

    /**
     * Replaces the child's instance with a fresh one of the same manifest and id. A running instance is stopped
     * first (its own children before it); this end is not reported to {@link #watch}. The fresh instance starts with
     * the last instance's state or the child's initial state, and continues its chain after a {@code supervision}
     * event that records the restart.
     *
     * @throws SupervisionException.NotAChild when {@code child} is not one of {@link #children()}
     * @throws SupervisionException.SpawnFailed when the fresh instance fails to start; it stays a child, ended
     */
    Child restart(ActorId child, SupervisionPolicy.RestartState from);

    /**
     * Stops the child's running instance (its own children first) but keeps it one of {@link #children()}, ended,
     * for a later {@link #restart}; not reported to {@link #watch}. Completes when it has stopped; at once when it
     * has already ended.
     *
     * @throws SupervisionException.NotAChild when {@code child} is not one of {@link #children()}
     */
    CompletableFuture<Void> terminate(ActorId child);

    /**
     * Stops the child (its own children first) and removes it from {@link #children()}; not reported to {@link
     * #watch}. Its last state and its chain stay readable through {@link #state} and {@link #events}. Completes when
     * it has stopped; at once when it had already ended.
     *
     * @throws SupervisionException.NotAChild when {@code child} is not one of {@link #children()}
     */
    CompletableFuture<Void> stop(ActorId child);

    /**
     * The child's current state, or its last one when it has ended or was stopped.
     *
     * @throws SupervisionException.NotAChild when {@code child} never was a child of this actor
     */
    Optional<byte[]> state(ActorId child);

    /**
     * The child's chain, across its restarts. For a child stopped by this actor, read back from its persisted chain
     * file.
     *
     * @throws SupervisionException.NotAChild when {@code child} never was a child of this actor
     * @throws IllegalStateException when a stopped child's chain was not persisted ({@code save_chain = false}) or
     *     its file cannot be read
     */
    List<ChainEvent> events(ActorId child);

    /**
     * Calls {@code listener} on a runtime thread each time a child's instance ends in a way this actor did not cause
     * (see {@link ChildEnd}), after the child's subtree has stopped. Close the subscription to stop.
     */
    ActorController.Subscription watch(Consumer<ChildEnd> listener);

    /**
     * Appends a {@code supervision} event to this actor's chain: a decision about its children. The data is written
     * as a JSON object; values may be strings, numbers, booleans, null, {@link ActorId}s, byte arrays (base64), lists
     * and maps of these.
     *
     * @throws IllegalArgumentException when a value has another type
     */
    void record(Map<String, Object> data, String description);

    /**
     * Gives up supervising: stops every child (their subtrees first), then fails this actor with {@code reason}, so
     * that its own parent hears a {@link ChildEnd.Failed}. Completes when this actor has ended.
     */
    CompletableFuture<Void> escalate(String reason);
}
