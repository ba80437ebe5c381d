package dev.theater.guice;

import static java.util.Objects.requireNonNull;

import dev.theater.runtime.TheaterRuntime;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The runtime settings {@link TheaterModule} builds the runtime from. Values only: reading them does no I/O.
 *
 * @param home the runtime home (chains are written under it)
 * @param defaultEngine the engine for actors whose manifest names none
 * @param stopTimeout how long stopping an actor waits before forcing it
 */
public record TheaterSettings(Path home, String defaultEngine, Duration stopTimeout) {
    public TheaterSettings {
        requireNonNull(home, "home is null");
        requireNonNull(defaultEngine, "defaultEngine is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must be >= 0, was " + stopTimeout);
        }
    }

    /** {@code ~/.theater}, the default engine, the default stop timeout. */
    public static TheaterSettings defaults() {
        return new TheaterSettings(
                Path.of(System.getProperty("user.home"), ".theater"),
                TheaterRuntime.DEFAULT_ENGINE,
                TheaterRuntime.DEFAULT_STOP_TIMEOUT);
    }

    public TheaterSettings withHome(Path home) {
        return new TheaterSettings(home, defaultEngine, stopTimeout);
    }

    public TheaterSettings withDefaultEngine(String defaultEngine) {
        return new TheaterSettings(home, defaultEngine, stopTimeout);
    }

    public TheaterSettings withStopTimeout(Duration stopTimeout) {
        return new TheaterSettings(home, defaultEngine, stopTimeout);
    }
}
