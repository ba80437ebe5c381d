package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.ActorMetrics;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The two handles of an actor (DESIGN §4): the {@link ActorExecutor}, whose operations run guest code one at a time
 * in mailbox order, and the {@link ActorController}, whose snapshots never wait behind guest code.
 */
final class ActorHandles {
    private ActorHandles() {}

    /** Operations that run guest code, queued in the actor's mailbox. */
    static final class Executor implements ActorExecutor {
        private final Actor actor;

        Executor(Actor actor) {
            this.actor = requireNonNull(actor, "actor is null");
        }

        @Override
        public ActorId id() {
            return actor.id();
        }

        @Override
        public CompletableFuture<Object> call(String function, List<Object> params) {
            requireNonNull(function, "function is null");
            requireNonNull(params, "params is null");
            GuestCall op;
            try {
                op = GuestCall.of(actor, function, params);
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(e);
            }
            return actor.loop().submit(op);
        }

        @Override
        public CompletableFuture<Void> saveChain() {
            return actor.loop().submit(new SaveChain()).thenApply(v -> null);
        }

        @Override
        public String toString() {
            return "ActorExecutor[" + actor.name() + " " + actor.id() + "]";
        }
    }

    /** Writes the chain to its file, in mailbox order. */
    private static final class SaveChain extends Operation {
        SaveChain() {
            super("save-chain");
        }

        @Override
        boolean runsGuestCode() {
            return false;
        }

        @Override
        Object run(Actor actor) {
            actor.chain().flush();
            return null;
        }
    }

    /** Snapshots and control requests; nothing here waits for the actor's operations. */
    static final class Controller implements ActorController {
        private final Actor actor;

        Controller(Actor actor) {
            this.actor = requireNonNull(actor, "actor is null");
        }

        @Override
        public ActorId id() {
            return actor.id();
        }

        @Override
        public ActorStatus status() {
            return actor.status().current();
        }

        @Override
        public ActorMetrics metrics() {
            return actor.metrics();
        }

        @Override
        public Optional<byte[]> state() {
            return actor.currentState();
        }

        @Override
        public List<ChainEvent> chain() {
            return actor.chain().events();
        }

        @Override
        public Subscription statusChanges(Consumer<ActorStatus> listener) {
            return actor.status().subscribe(listener);
        }

        @Override
        public CompletableFuture<Void> pause() {
            return actor.control().pause();
        }

        @Override
        public CompletableFuture<Void> resume() {
            return actor.control().resume();
        }

        @Override
        public CompletableFuture<Void> shutdown(Duration timeout) {
            return actor.control().shutdown(timeout);
        }

        @Override
        public CompletableFuture<Void> forceStop() {
            return actor.control().forceStop();
        }

        @Override
        public String toString() {
            return "ActorController[" + actor.name() + " " + actor.id() + "]";
        }
    }
}
