package dev.theater.spi;

import java.util.concurrent.CompletionStage;

/** Tells a handler that its actor is shutting down, so it can stop its work (timers, processes, servers). */
public interface Shutdown {
    boolean isRequested();

    /** Completes when the actor starts shutting down (gracefully, forced, or after a failure). */
    CompletionStage<Void> requested();
}
