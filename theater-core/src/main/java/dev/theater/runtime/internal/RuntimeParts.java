package dev.theater.runtime.internal;

import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmEngines;
import dev.theater.plugins.PluginDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a runtime that {@code TheaterRuntime.Builder.build()} puts together before the runtime exists (its
 * plugins and engines), and that {@code TheaterRuntime.close()} takes apart (its actors).
 */
public final class RuntimeParts {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeParts.class);

    private RuntimeParts() {}

    /**
     * The plugin directory to load: {@code named} when given, else {@code <home>/<byDefault>} when it exists; none
     * when {@code none} or there is no such directory.
     *
     * @throws dev.theater.plugins.PluginLoadException naming the plugin JAR that cannot be loaded
     */
    public static PluginDirectory plugins(Path home, String byDefault, Path named, boolean none) {
        if (none) {
            return null;
        }
        if (named != null) {
            return PluginDirectory.load(named);
        }
        Path directory = home.resolve(byDefault);
        return Files.isDirectory(directory) ? PluginDirectory.load(directory) : null;
    }

    /** The engines {@link WasmEngines#discover} finds on the class path of {@code loader}, replaced by {@code added}. */
    public static Map<String, WasmEngine> engines(ClassLoader loader, Map<String, WasmEngine> added) {
        Map<String, WasmEngine> engines =
                new LinkedHashMap<>(WasmEngines.discover(loader).all());
        engines.putAll(added);
        return engines;
    }

    /** Shuts every actor down (forced after {@code stopTimeout}) and waits for them, a little longer than that. */
    public static void stopAll(Collection<Actor> actors, Duration stopTimeout) {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (Actor actor : actors) {
            stopping.add(actor.controller()
                    .shutdown(stopTimeout)
                    .exceptionally(e -> null)
                    .toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
                    .get(stopTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{} actor(s) did not stop within {} while the runtime closed", actors.size(), stopTimeout);
        }
    }
}
