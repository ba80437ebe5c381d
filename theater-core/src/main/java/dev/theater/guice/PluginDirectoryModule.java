package dev.theater.guice;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Path;

/**
 * Adds the handlers of the plugin JARs in a directory (see {@code docs/plugins.md}). The directory is loaded when the
 * runtime is provided, not when the module is configured; a JAR that cannot be loaded fails that provision, naming
 * the JAR. Install it at most once: a runtime has one plugin directory.
 */
public final class PluginDirectoryModule extends AbstractModule {
    private final Path directory;

    public PluginDirectoryModule(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), HandlerSource.class)
                .addBinding()
                .toInstance(builder -> builder.withPluginDirectory(directory));
    }
}
