package dev.theater.runtime;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;

/**
 * A spawned actor's address and its two handles: {@code executor} runs guest operations one at a time, in order;
 * {@code controller} watches and steers the actor without waiting behind guest code.
 */
public record ActorRef(ActorId id, ActorExecutor executor, ActorController controller) {
    public ActorRef {
        requireNonNull(id, "id is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(controller, "controller is null");
    }
}
