package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorId;
import dev.theater.spi.ActorStatus;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An actor's published status: what {@link ActorController#status()} reads without a lock, the subscribers of
 * {@link ActorController#statusChanges}, and the {@code lifecycle} events of the chain. Every change is logged at
 * DEBUG, recorded (except {@code Idle ⇄ Processing}, which the operation's own events mark), then published, so whoever
 * sees a status also finds its event in the chain.
 */
final class StatusBoard {
    private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);

    private final ActorId id;
    private final String name;
    private final ActorChain chain;
    private final SerialExecutor notifier;
    private final AtomicReference<ActorStatus> status;
    private final CopyOnWriteArrayList<Consumer<ActorStatus>> listeners = new CopyOnWriteArrayList<>();

    StatusBoard(ActorId id, String name, ActorChain chain, Executor pool, ActorStatus initial) {
        this.id = requireNonNull(id, "id is null");
        this.name = requireNonNull(name, "name is null");
        this.chain = requireNonNull(chain, "chain is null");
        this.notifier = new SerialExecutor(pool);
        this.status = new AtomicReference<>(requireNonNull(initial, "initial is null"));
    }

    ActorStatus current() {
        return status.get();
    }

    ActorController.Subscription subscribe(Consumer<ActorStatus> listener) {
        requireNonNull(listener, "listener is null");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Records the first status, {@code starting}, with the spawn's {@code details} (JSON values by key). */
    void recordStart(Map<String, String> details) {
        chain.lifecycle(null, status.get(), null, details);
    }

    /**
     * Under the actor's lock: logs, records and publishes {@code next}.
     *
     * @param reason what caused it, for the chain; {@code null} for none
     */
    void publish(ActorStatus next, String reason) {
        ActorStatus previous = status.get();
        LOG.debug("actor '{}' ({}) {} -> {}", name, id, previous.name(), next.name());
        if (!(next instanceof ActorStatus.Processing)
                && !(next instanceof ActorStatus.Idle && previous instanceof ActorStatus.Processing)) {
            String why = next instanceof ActorStatus.Failed failed ? failed.reason() : reason;
            try {
                chain.lifecycle(previous, next, why, Map.of());
            } catch (RuntimeException e) {
                LOG.warn("actor '{}' ({}) could not record status {} in its chain", name, id, next.name(), e);
            }
        }
        status.set(next);
        if (!listeners.isEmpty()) {
            Object[] targets = listeners.toArray();
            notifier.execute(() -> deliver(targets, next));
        }
    }

    @SuppressWarnings("unchecked")
    private static void deliver(Object[] targets, ActorStatus next) {
        for (Object target : targets) {
            try {
                ((Consumer<ActorStatus>) target).accept(next);
            } catch (RuntimeException e) {
                LOG.warn("a status listener failed on {}", next.name(), e);
            }
        }
    }
}
