package dev.theater.runtime;

import dev.theater.spi.ActorStatus;
import java.util.concurrent.CompletableFuture;

/**
 * Where the handler compiled into a plugin JAR by {@link HandlerPluginDiscoveryTest} reports what it saw. The plugin
 * loader's parent is the test class loader, so the plugin and the test share this class.
 */
public final class PluginProbe {
    /** The actor's status when the handler's {@code start} ran. */
    public static volatile ActorStatus statusAtStart;

    /** Operations the actor had finished when {@code start} ran. */
    public static volatile long operationsAtStart = -1;

    /** The call the handler made through the executor from {@code start}. */
    public static volatile CompletableFuture<Object> callFromStart;

    /** Completes when the handler's {@code Shutdown} is requested. */
    public static volatile CompletableFuture<Void> shutdownRequested;

    /** Completes when the handler is closed. */
    public static volatile CompletableFuture<Void> closed;

    private PluginProbe() {}

    static void reset() {
        statusAtStart = null;
        operationsAtStart = -1;
        callFromStart = null;
        shutdownRequested = new CompletableFuture<>();
        closed = new CompletableFuture<>();
    }
}
