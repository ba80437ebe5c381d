package dev.theater.cli;

import dev.theater.runtime.TheaterRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --plugins DIR}: the plugin directory a command loads, by default {@code <home>/plugins}. */
final class PluginsOption {
    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "load handler plugins (JARs) from DIR instead of <home>/plugins; DIR must exist")
    Path directory;

    /** Applies the option: the named directory, or the runtime's default. */
    TheaterRuntime.Builder apply(TheaterRuntime.Builder builder) {
        return directory == null ? builder : builder.withPluginDirectory(directory);
    }

    /** The directory that will be loaded for {@code home}. */
    Path effective(Path home) {
        return directory != null
                ? directory.toAbsolutePath()
                : home.toAbsolutePath().resolve(TheaterRuntime.PLUGIN_DIRECTORY);
    }
}
