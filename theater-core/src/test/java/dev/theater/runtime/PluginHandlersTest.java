package dev.theater.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.manifest.Manifest;
import dev.theater.plugins.GreeterPlugin;
import dev.theater.plugins.HostVersion;
import dev.theater.plugins.LoadedPlugin;
import dev.theater.plugins.PluginLoadException;
import dev.theater.plugins.TestPluginJar;
import dev.theater.wit.WitLibrary;
import dev.theater.wit.WitParser;
import dev.theater.wit.WitSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handlers from plugin JARs, as the runtime loads them from its plugin directory. */
class PluginHandlersTest {
    private static final String SEND = ActorRuntimeContractTest.SEND;

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    private TheaterRuntime.Builder runtime() {
        return TheaterRuntime.builder()
                .withHome(home)
                .discoverHandlers(getClass().getClassLoader())
                .withPluginDirectory(plugins);
    }

    private static Manifest greeterActor(String name, String handler) {
        return ActorRuntimeContractTest.manifest(name, "greeter-user")
                .addHandler(handler, Map.of())
                .withSaveChain(false)
                .build();
    }

    private static String greet(ActorRef actor, String name) throws Exception {
        actor.executor().call(SEND, List.of(name.getBytes(UTF_8))).get(10, TimeUnit.SECONDS);
        return new String(actor.controller().state().orElseThrow(), UTF_8);
    }

    @Test
    void anActorUsesTheInterfaceOfAPluginHandlerWhoseClassesAreOnlyInTheJar() throws Exception {
        GreeterPlugin.jar("greeter", "greeter", "1").writeTo(plugins);
        assertThatThrownBy(() -> Class.forName("greeter.lib.Greeting")).isInstanceOf(ClassNotFoundException.class);

        try (TheaterRuntime runtime = runtime().build()) {
            ActorRef actor = runtime.spawn(greeterActor("greeted", "greeter"), null);

            assertThat(greet(actor, "ada")).isEqualTo("hello, ada (greeting library 1)");
            assertThat(runtime.plugins()).extracting(LoadedPlugin::id).containsExactly("greeter");
            assertThat(runtime.handlers())
                    .filteredOn(h -> h.id().equals("greeter"))
                    .singleElement()
                    .satisfies(h -> {
                        assertThat(h.origin())
                                .isEqualTo("plugin greeter 1.0.0 (" + plugins.resolve("greeter.jar") + ")");
                        assertThat(h.provides()).containsExactly(GreeterPlugin.INTERFACE);
                    });
        }
    }

    @Test
    void twoPluginsBundlingDifferentVersionsOfOneLibraryEachUseTheirOwn() throws Exception {
        GreeterPlugin.jar("greeter-one", "greeter-one", "1.0").writeTo(plugins);
        GreeterPlugin.jar("greeter-two", "greeter-two", "2.0").writeTo(plugins);

        try (TheaterRuntime runtime = runtime().build()) {
            ActorRef one = runtime.spawn(greeterActor("one", "greeter-one"), null);
            ActorRef two = runtime.spawn(greeterActor("two", "greeter-two"), null);

            assertThat(greet(one, "ada")).isEqualTo("hello, ada (greeting library 1.0)");
            assertThat(greet(two, "ada")).isEqualTo("hello, ada (greeting library 2.0)");
            assertThat(runtime.handlers())
                    .filteredOn(h -> h.id().startsWith("greeter-"))
                    .extracting(HandlerInfo::version)
                    .containsExactly("1.0", "2.0");
        }
    }

    @Test
    void aHandlerIdInTwoPluginsFailsStartupNamingBothJars() {
        GreeterPlugin.jar("greeter-one", "greeter", "1").writeTo(plugins);
        GreeterPlugin.jar("greeter-two", "greeter", "2").writeTo(plugins);

        assertThatThrownBy(() -> runtime().build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("two handlers have the id 'greeter'")
                .hasMessageContaining(plugins.resolve("greeter-one.jar").toString())
                .hasMessageContaining(plugins.resolve("greeter-two.jar").toString())
                .satisfies(
                        e -> assertThat(((PluginLoadException) e).jar()).isEqualTo(plugins.resolve("greeter-two.jar")));
    }

    @Test
    void aPluginHandlerWithTheIdOfAClassPathHandlerFailsStartupNamingTheJar() {
        GreeterPlugin.jar("impostor", "runtime", "1").writeTo(plugins);

        assertThatThrownBy(() -> runtime().build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("two handlers have the id 'runtime'")
                .hasMessageContaining("plugin impostor 1.0.0 (" + plugins.resolve("impostor.jar") + ")");
    }

    @Test
    void aPluginThatRequiresANewerHostFailsStartupNamingTheJar() {
        GreeterPlugin.jar("future", "future", "1")
                .manifest("Plugin-Requires", ">=99.0.0")
                .writeTo(plugins);

        assertThatThrownBy(() -> runtime().build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(plugins.resolve("future.jar") + " (future 1.0.0) requires Theater >=99.0.0");
    }

    @Test
    void aPluginWithoutHandlersFailsStartupNamingTheJar() {
        TestPluginJar.plugin("empty", "1.0.0").resource("readme.txt", "nothing").writeTo(plugins);

        assertThatThrownBy(() -> runtime().build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("plugin JAR " + plugins.resolve("empty.jar") + " (empty) provides no handler")
                .hasMessageContaining("META-INF/services/dev.theater.spi.HandlerFactory");
    }

    @Test
    void aPluginHandlerThatNeedsAHostClassOutsideTheSpiFailsStartupNamingTheJar() {
        TestPluginJar.plugin("needy", "1.0.0")
                .source("needy.NeedyFactory", """
                        package needy;

                        import dev.theater.spi.Handler;
                        import dev.theater.spi.HandlerConfig;
                        import dev.theater.spi.HandlerContext;
                        import dev.theater.spi.HandlerFactory;

                        public final class NeedyFactory implements HandlerFactory {
                            private final Object runtime = dev.theater.plugins.HostVersion.current();

                            public String id() {
                                return "needy";
                            }

                            public Handler create(HandlerConfig config, HandlerContext context) {
                                throw new UnsupportedOperationException();
                            }
                        }
                        """)
                // Built against theater-core, as a plugin whose author had the core on its compile path.
                .compileAgainst(HostVersion.class)
                .services("needy.NeedyFactory")
                .writeTo(plugins);

        assertThatThrownBy(() -> runtime().build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("plugin JAR " + plugins.resolve("needy.jar") + " (needy): a handler factory"
                        + " cannot be loaded")
                .hasMessageContaining("dev/theater/plugins/HostVersion")
                .hasMessageContaining("a plugin sees only dev.theater.spi and org.slf4j of the host");
    }

    @Test
    void aHandlerIdThatIsNotKebabCaseFailsStartupNamingTheJar() {
        GreeterPlugin.jar("camel", "camelCase", "1").writeTo(plugins);

        assertThatThrownBy(() -> runtime().build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("has the id 'camelCase', which is not kebab-case")
                .hasMessageContaining(plugins.resolve("camel.jar").toString());
    }

    @Test
    void theDefaultPluginDirectoryIsPluginsInTheHome() {
        GreeterPlugin.jar("greeter", "greeter", "1").writeTo(dirIn(home, "plugins"));

        try (TheaterRuntime runtime = TheaterRuntime.builder().withHome(home).build()) {
            assertThat(runtime.plugins()).extracting(LoadedPlugin::id).containsExactly("greeter");
        }
        try (TheaterRuntime runtime =
                TheaterRuntime.builder().withHome(home).withoutPlugins().build()) {
            assertThat(runtime.plugins()).isEmpty();
            assertThat(runtime.handlers()).isEmpty();
        }
    }

    @Test
    void aMissingDefaultPluginDirectoryLoadsNothingButANamedOneMustExist() {
        try (TheaterRuntime runtime = TheaterRuntime.builder().withHome(home).build()) {
            assertThat(runtime.plugins()).isEmpty();
        }
        Path missing = home.resolve("no-such-dir");

        assertThatThrownBy(() -> TheaterRuntime.builder()
                        .withHome(home)
                        .withPluginDirectory(missing)
                        .build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("the plugin directory " + missing + " does not exist");
    }

    @Test
    void closingTheRuntimeClosesItsPlugins() {
        GreeterPlugin.jar("greeter", "greeter", "1").writeTo(plugins);
        TheaterRuntime runtime = runtime().build();
        ClassLoader loader = runtime.plugins().get(0).classLoader();

        runtime.close();

        assertThatThrownBy(() -> loader.loadClass("greeter.lib.Greeting")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aPluginsWitPackageAlsoPassedWithTheSameContentIsAcceptedButADifferentOneFails() {
        GreeterPlugin.jar("greeter", "greeter", "1").writeTo(plugins);
        WitLibrary same = WitLibrary.builtin().toBuilder()
                .addPackage(WitParser.parsePackage(
                        List.of(new WitSource("greeter.wit", GreeterPlugin.WIT_TEXT)), WitLibrary.builtin()))
                .build();
        WitLibrary different = WitLibrary.builtin().toBuilder()
                .addPackage(WitParser.parse(
                        "package test:greeter;\ninterface greeter { greet: func(name: string) -> u32; }\n",
                        "other.wit"))
                .build();

        try (TheaterRuntime runtime = runtime().withWitLibrary(same).build()) {
            assertThat(runtime.handlers()).extracting(HandlerInfo::id).contains("greeter");
        }
        assertThatThrownBy(() -> runtime().withWitLibrary(different).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("handler 'greeter' from plugin greeter 1.0.0")
                .hasMessageContaining("brings the WIT package 'test:greeter'")
                .hasMessageContaining("already has a different package of that name");
    }

    private static Path dirIn(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String SIZES_USER = """
            package sizey;

            import dev.theater.spi.Handler;
            import dev.theater.spi.HandlerConfig;
            import dev.theater.spi.HandlerContext;
            import dev.theater.spi.HandlerFactory;

            public final class SizeyFactory implements HandlerFactory {
                public String id() {
                    return "sizey";
                }

                public Handler create(HandlerConfig config, HandlerContext context) {
                    long limit = dev.theater.manifest.Sizes.parse("16MiB");
                    return new Handler() {};
                }
            }
            """;

    @Test
    void aPluginThatUsesACoreClassDoesNotCompileAgainstTheSpi() {
        assertThatThrownBy(() -> TestPluginJar.plugin("sizey", "1.0.0")
                        .source("sizey.SizeyFactory", SIZES_USER)
                        .services("sizey.SizeyFactory")
                        .writeTo(plugins))
                .hasMessageContaining("did not compile")
                .hasMessageContaining("package dev.theater.manifest does not exist");
    }

    @Test
    void aPluginThatReachesACoreClassAtSpawnFailsTheSpawnNamingTheJarTheClassAndTheRule() {
        TestPluginJar.plugin("sizey", "1.0.0")
                .source("sizey.SizeyFactory", SIZES_USER)
                // Built against theater-core, as a plugin whose author had the core on its compile path.
                .compileAgainst(dev.theater.manifest.Sizes.class)
                .services("sizey.SizeyFactory")
                .writeTo(plugins);

        try (TheaterRuntime runtime = runtime().build()) {
            assertThatThrownBy(() -> runtime.spawn(greeterActor("sized", "sizey"), null))
                    .isInstanceOf(SpawnException.class)
                    .hasMessageContaining("handler 'sizey' (sizey.SizeyFactory from plugin JAR "
                            + plugins.resolve("sizey.jar") + ") failed in create()")
                    .hasMessageContaining("NoClassDefFoundError: dev/theater/manifest/Sizes")
                    .hasMessageContaining("a plugin sees only dev.theater.spi and org.slf4j of the host")
                    .cause()
                    .isNotInstanceOf(dev.theater.spi.ActorException.class);
        }
    }
}
