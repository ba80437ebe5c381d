package dev.theater.guice;

import dev.theater.runtime.TheaterRuntime;

/**
 * A way of finding handlers that needs I/O (scanning the class path, loading a plugin directory), bound into {@code
 * Multibinder<HandlerSource>} by a module and applied to the runtime builder only when the runtime is provided. This
 * is how a discovery module contributes handlers without doing I/O itself: a {@code Multibinder<HandlerFactory>} can
 * only hold factories that are known when the injector is created.
 */
@FunctionalInterface
public interface HandlerSource {
    /** Registers this source's handlers with {@code builder} (e.g. {@code builder.discoverHandlers(loader)}). */
    void addTo(TheaterRuntime.Builder builder);
}
