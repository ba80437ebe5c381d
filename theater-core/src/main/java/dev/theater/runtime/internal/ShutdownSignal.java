package dev.theater.runtime.internal;

import dev.theater.spi.Shutdown;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The {@link Shutdown} handed to an actor's handlers: completes once, when the actor starts shutting down. */
final class ShutdownSignal implements Shutdown {
    private final CompletableFuture<Void> requested = new CompletableFuture<>();

    @Override
    public boolean isRequested() {
        return requested.isDone();
    }

    @Override
    public CompletionStage<Void> requested() {
        return requested.minimalCompletionStage();
    }

    void request() {
        requested.complete(null);
    }
}
