package dev.theater.guice;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.HandlerFactory;
import java.util.Set;

/**
 * Installs the Theater runtime: binds {@link TheaterRuntime} as a singleton built from the injected {@link
 * TheaterSettings}, every {@link HandlerFactory} of {@code Multibinder<HandlerFactory>}, and every {@link
 * HandlerSource} of {@code Multibinder<HandlerSource>}. It finds no handler by itself: install {@link
 * ClasspathHandlersModule} for the class path's handlers (including the built-in {@code runtime} handler), {@link
 * PluginDirectoryModule} for a plugin directory, or bind factories yourself:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *         new TheaterModule(TheaterSettings.defaults().withHome(home)),
 *         new ClasspathHandlersModule(),
 *         binder -> Multibinder.newSetBinder(binder, HandlerFactory.class).addBinding().to(MyHandlerFactory.class));
 * TheaterRuntime runtime = injector.getInstance(TheaterRuntime.class);
 * }</pre>
 *
 * <p>The runtime is built (and its handlers discovered) when it is first injected, not when the injector is created.
 * The application closes it: {@code runtime.close()}.
 */
public final class TheaterModule extends AbstractModule {
    private final TheaterSettings settings;

    /** With {@link TheaterSettings#defaults()}. */
    public TheaterModule() {
        this(TheaterSettings.defaults());
    }

    public TheaterModule(TheaterSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(TheaterSettings.class).toInstance(settings);
        Multibinder.newSetBinder(binder(), HandlerFactory.class);
        Multibinder.newSetBinder(binder(), HandlerSource.class);
    }

    @Provides
    @Singleton
    TheaterRuntime runtime(TheaterSettings settings, Set<HandlerFactory> factories, Set<HandlerSource> sources) {
        TheaterRuntime.Builder builder = TheaterRuntime.builder()
                .withHome(settings.home())
                .withDefaultEngine(settings.defaultEngine())
                .withStopTimeout(settings.stopTimeout())
                .withoutPlugins();
        factories.forEach(builder::addHandler);
        sources.forEach(source -> source.addTo(builder));
        return builder.build();
    }
}
