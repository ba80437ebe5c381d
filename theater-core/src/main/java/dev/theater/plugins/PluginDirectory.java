package dev.theater.plugins;

import static java.util.Objects.requireNonNull;

import dev.theater.plugins.internal.TheaterPluginManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of one directory, loaded with pf4j: every {@code *.jar} in it is a plugin with a descriptor and its
 * own class loader. Loading either loads every JAR or fails naming the one that cannot be loaded; it never skips one.
 * The runtime does this when it is built ({@code TheaterRuntime.builder().withPluginDirectory(dir)}, default {@code
 * <home>/plugins}) and then finds each plugin's handlers with {@link java.util.ServiceLoader} over its class loader.
 *
 * <p>Close it when its handlers are no longer used: that closes the plugins' class loaders. Thread-safe.
 */
public final class PluginDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginDirectory.class);

    private final Path directory;
    private final TheaterPluginManager manager;
    private final List<LoadedPlugin> plugins;
    private boolean closed;

    private PluginDirectory(Path directory, TheaterPluginManager manager, List<LoadedPlugin> plugins) {
        this.directory = directory;
        this.manager = manager;
        this.plugins = plugins;
    }

    /** Loads the plugins of {@code directory} for this host ({@link HostVersion#current()}). */
    public static PluginDirectory load(Path directory) {
        return load(directory, HostVersion.current());
    }

    /**
     * Loads the plugins of {@code directory}, checking each {@code Plugin-Requires} against {@code hostVersion}.
     *
     * @throws PluginLoadException naming the directory when it does not exist, or the first JAR that cannot be
     *     loaded: no descriptor, a newer host required, a {@code Plugin-Id} already taken, a missing plugin
     *     dependency
     */
    public static PluginDirectory load(Path directory, String hostVersion) {
        requireNonNull(directory, "directory is null");
        requireNonNull(hostVersion, "hostVersion is null");
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new PluginLoadException(
                    dir,
                    "the plugin directory " + dir + " does not exist or is not a directory; create it and put plugin"
                            + " JARs in it, or name an existing directory (--plugins DIR,"
                            + " TheaterRuntime.builder().withPluginDirectory(dir))");
        }
        TheaterPluginManager manager = new TheaterPluginManager(dir, hostVersion);
        List<LoadedPlugin> plugins = manager.loadAll();
        LOG.info("{} plugin(s) loaded from {}", plugins.size(), dir);
        return new PluginDirectory(dir, manager, plugins);
    }

    /** The directory, absolute. */
    public Path directory() {
        return directory;
    }

    /** The loaded plugins, by JAR file name. */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** Unloads the plugins and closes their class loaders. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        manager.unloadAll();
    }

    @Override
    public String toString() {
        return "PluginDirectory[" + directory + ", " + plugins.size() + " plugin(s)]";
    }
}
