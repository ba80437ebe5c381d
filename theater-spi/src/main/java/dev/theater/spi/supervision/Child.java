package dev.theater.spi.supervision;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorId;

/**
 * One child of an actor, as {@link ActorTree} reports it. A restart replaces the child's instance but keeps its id;
 * {@code controller} is the controller of the instance current when this snapshot was taken (its snapshots keep
 * answering after it stopped).
 *
 * @param id the child's id, the same across restarts
 * @param name the child's name from its manifest
 * @param manifest the child's manifest file, as resolved when it was spawned
 * @param controller the current (or, when it has ended, the last) instance's controller
 * @param restarts how often the child was restarted
 */
public record Child(ActorId id, String name, String manifest, ActorController controller, int restarts) {
    public Child {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(controller, "controller is null");
    }

    /** Whether the instance is still live (not stopped or failed). */
    public boolean running() {
        return !controller.status().isTerminal();
    }
}
