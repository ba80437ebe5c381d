package dev.theater.guice;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.Multibinder;
import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Manifest;
import dev.theater.plugins.GreeterPlugin;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.HandlerInfo;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuiceModulesTest {
    @TempDir
    Path home;

    /** A handler an application binds itself. */
    static final class AppHandlerFactory implements HandlerFactory {
        @Override
        public String id() {
            return "app-handler";
        }

        @Override
        public Handler create(HandlerConfig config, HandlerContext context) {
            throw new UnsupportedOperationException("not spawned in these tests");
        }
    }

    private TheaterModule theater() {
        return new TheaterModule(TheaterSettings.defaults().withHome(home).withStopTimeout(Duration.ofSeconds(5)));
    }

    private static Path guest(String name) {
        try {
            return Path.of(GuiceModulesTest.class
                    .getResource("/guests/actor/" + name + ".wasm")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInjectedRuntimeSpawnsAnActorWithTheClassPathHandlers() throws Exception {
        Injector injector = Guice.createInjector(theater(), new ClasspathHandlersModule());

        try (TheaterRuntime runtime = injector.getInstance(TheaterRuntime.class)) {
            assertThat(runtime.home()).isEqualTo(home);
            assertThat(runtime.handlers()).extracting(HandlerInfo::id).containsExactly("runtime", "message-server");
            ActorRef actor = runtime.spawn(
                    Manifest.builder("counter", new ComponentSource.File(guest("actor")))
                            .addHandler("runtime", Map.of())
                            .withSaveChain(false)
                            .build(),
                    null);
            actor.executor()
                    .call("theater:simple/message-server-client#handle-send", List.of("c".getBytes(UTF_8)))
                    .get(10, TimeUnit.SECONDS);
            assertThat(actor.controller().state()).hasValue(new byte[] {1, 0, 0, 0});
        }
    }

    @Test
    void theRuntimeIsASingleton() {
        Injector injector = Guice.createInjector(theater());

        try (TheaterRuntime runtime = injector.getInstance(TheaterRuntime.class)) {
            assertThat(injector.getInstance(TheaterRuntime.class)).isSameAs(runtime);
        }
    }

    @Test
    void handlersBoundIntoTheMultibinderAreRegisteredAndNothingIsDiscoveredWithoutADiscoveryModule() {
        Injector injector =
                Guice.createInjector(theater(), binder -> Multibinder.newSetBinder(binder, HandlerFactory.class)
                        .addBinding()
                        .to(AppHandlerFactory.class));

        try (TheaterRuntime runtime = injector.getInstance(TheaterRuntime.class)) {
            assertThat(runtime.handlers()).extracting(HandlerInfo::id).containsExactly("app-handler");
            assertThat(runtime.plugins()).isEmpty();
        }
    }

    @Test
    void thePluginDirectoryModuleAddsThePluginsHandlers(@TempDir Path plugins) {
        GreeterPlugin.jar("greeter", "greeter", "1").writeTo(plugins);
        Injector injector =
                Guice.createInjector(theater(), new ClasspathHandlersModule(), new PluginDirectoryModule(plugins));

        try (TheaterRuntime runtime = injector.getInstance(TheaterRuntime.class)) {
            assertThat(runtime.handlers())
                    .extracting(HandlerInfo::id)
                    .containsExactly("runtime", "message-server", "greeter");
        }
    }

    @Test
    void modulesDoNoIoTheDirectoryIsReadWhenTheRuntimeIsFirstInjected() {
        Path missing = home.resolve("missing-plugins");

        Injector injector = Guice.createInjector(theater(), new PluginDirectoryModule(missing));

        assertThatThrownBy(() -> injector.getInstance(TheaterRuntime.class))
                .isInstanceOf(ProvisionException.class)
                .hasMessageContaining("the plugin directory " + missing + " does not exist");
    }
}
