package dev.theater.guice;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.theater.runtime.TheaterRuntime;

/**
 * Adds the handlers {@link java.util.ServiceLoader} finds on the class path (every {@code
 * META-INF/services/dev.theater.spi.HandlerFactory}), among them the built-in {@code runtime} handler. Discovery runs
 * when the runtime is provided, not when the module is configured.
 */
public final class ClasspathHandlersModule extends AbstractModule {
    private final ClassLoader loader;

    /** Discovers through the class loader that loaded theater-core. */
    public ClasspathHandlersModule() {
        this(TheaterRuntime.class.getClassLoader());
    }

    /** Discovers through {@code loader}. */
    public ClasspathHandlersModule(ClassLoader loader) {
        this.loader = requireNonNull(loader, "loader is null");
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), HandlerSource.class)
                .addBinding()
                .toInstance(builder -> builder.discoverHandlers(loader));
    }
}
