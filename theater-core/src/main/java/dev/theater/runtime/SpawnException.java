package dev.theater.runtime;

import static java.util.Objects.requireNonNull;

/**
 * An actor could not be spawned: its manifest names something missing, its module is not an actor or does not link,
 * a handler refused its configuration, or its {@code init} failed. The message says which and how to fix it.
 */
public final class SpawnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String actorName;

    public SpawnException(String actorName, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.actorName = requireNonNull(actorName, "actorName is null");
    }

    public SpawnException(String actorName, String message) {
        this(actorName, message, null);
    }

    /** The name of the actor from its manifest. */
    public String actorName() {
        return actorName;
    }
}
