package dev.theater.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.HandlerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class PluginDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void everyJarIsLoadedWithItsDescriptorFromTheManifestOrPluginProperties() {
        GreeterPlugin.jar("b-greeter", "b-greeter", "1").writeTo(dir);
        TestPluginJar.named("a-props.jar").resource("plugin.properties", """
                        plugin.id=a-props
                        plugin.version=2.3.4
                        plugin.requires=>=0.1.0
                        plugin.provider=Example Corp
                        plugin.description=described by properties
                        """).writeTo(dir);

        try (PluginDirectory plugins = PluginDirectory.load(dir, "0.1.0")) {
            assertThat(plugins.plugins()).extracting(LoadedPlugin::id).containsExactly("a-props", "b-greeter");
            LoadedPlugin props = plugins.plugins().get(0);
            assertThat(props.version()).isEqualTo("2.3.4");
            assertThat(props.requires()).isEqualTo(">=0.1.0");
            assertThat(props.provider()).isEqualTo("Example Corp");
            assertThat(props.description()).isEqualTo("described by properties");
            assertThat(props.jar()).isEqualTo(dir.resolve("a-props.jar").toAbsolutePath());
            assertThat(plugins.plugins().get(1).origin())
                    .isEqualTo("plugin b-greeter 1.0.0 ("
                            + dir.resolve("b-greeter.jar").toAbsolutePath() + ")");
        }
    }

    @Test
    void pluginPropertiesWinOverTheManifest() {
        TestPluginJar.named("both.jar")
                .manifest("Plugin-Id", "from-manifest")
                .manifest("Plugin-Version", "9.9.9")
                .resource("plugin.properties", "plugin.id=from-properties\nplugin.version=1.2.3\n")
                .writeTo(dir);

        try (PluginDirectory plugins = PluginDirectory.load(dir, "0.1.0")) {
            assertThat(plugins.plugins()).singleElement().satisfies(p -> {
                assertThat(p.id()).isEqualTo("from-properties");
                assertThat(p.version()).isEqualTo("1.2.3");
            });
        }
    }

    @Test
    void filesThatAreNotJarsAreLeftAlone() throws IOException {
        Files.writeString(dir.resolve("README.txt"), "put plugin JARs here");
        Files.createDirectories(dir.resolve("old"));

        try (PluginDirectory plugins = PluginDirectory.load(dir, "0.1.0")) {
            assertThat(plugins.plugins()).isEmpty();
        }
    }

    @Test
    void aDirectoryNamedLikeAJarFailsTheLoadNamingIt() throws IOException {
        Path unpacked = Files.createDirectories(dir.resolve("x.jar"));

        assertThatThrownBy(() -> PluginDirectory.load(dir, "0.1.0"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("x.jar, which is a directory, not a JAR file")
                .satisfies(e -> assertThat(((PluginLoadException) e).jar().getFileName())
                        .isEqualTo(unpacked.getFileName()));
    }

    @Test
    void aJarWithoutDescriptorFailsNamingTheJarAndTheKeys() {
        Path jar = TestPluginJar.named("plain.jar").resource("x.txt", "x").writeTo(dir);

        assertThatThrownBy(() -> PluginDirectory.load(dir, "0.1.0"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("plugin JAR " + jar.toAbsolutePath() + " has no Plugin-Id")
                .hasMessageContaining("Plugin-Version")
                .satisfies(e -> assertThat(((PluginLoadException) e).jar()).isEqualTo(jar.toAbsolutePath()));
    }

    @Test
    void aJarWithoutVersionFailsNamingIt() {
        Path jar =
                TestPluginJar.named("nover.jar").manifest("Plugin-Id", "nover").writeTo(dir);

        assertThatThrownBy(() -> PluginDirectory.load(dir, "0.1.0"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(jar.toAbsolutePath() + " (Plugin-Id 'nover') has no Plugin-Version");
    }

    @Test
    void aPluginThatRequiresANewerHostFailsNamingTheJarTheRequirementAndTheHost() {
        Path jar = GreeterPlugin.jar("future", "future", "1")
                .manifest("Plugin-Requires", ">=99.0.0")
                .writeTo(dir);

        assertThatThrownBy(() -> PluginDirectory.load(dir, "0.1.0-SNAPSHOT"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("plugin JAR " + jar.toAbsolutePath() + " (future 1.0.0) requires Theater >=99.0.0"
                        + " but this host is 0.1.0-SNAPSHOT (checked as 0.1.0)")
                .hasMessageContaining("upgrade Theater");
    }

    @Test
    void aBareVersionInPluginRequiresMeansAtLeastThatVersion() {
        GreeterPlugin.jar("bare", "bare", "1")
                .manifest("Plugin-Requires", "0.2.0")
                .writeTo(dir);

        try (PluginDirectory plugins = PluginDirectory.load(dir, "0.2.1")) {
            assertThat(plugins.plugins()).hasSize(1);
        }
        assertThatThrownBy(() -> PluginDirectory.load(dir, "0.1.9"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("requires Theater 0.2.0 but this host is 0.1.9");
    }

    @Test
    void aSnapshotHostLoadsPluginsWrittenForItsRelease() {
        GreeterPlugin.jar("current", "current", "1")
                .manifest("Plugin-Requires", ">=0.1.0")
                .writeTo(dir);

        try (PluginDirectory plugins = PluginDirectory.load(dir, "0.1.0-SNAPSHOT")) {
            assertThat(plugins.plugins()).extracting(LoadedPlugin::id).containsExactly("current");
        }
    }

    @Test
    void aMalformedRequirementFailsNamingTheJar() {
        GreeterPlugin.jar("garbled", "garbled", "1")
                .manifest("Plugin-Requires", "at least one")
                .writeTo(dir);

        assertThatThrownBy(() -> PluginDirectory.load(dir, "0.1.0"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("garbled.jar (garbled 1.0.0) has Plugin-Requires 'at least one', which is not a"
                        + " version constraint");
    }

    @Test
    void twoJarsWithOnePluginIdFailNamingBoth() {
        GreeterPlugin.jar("greeter", "greeter", "1").writeTo(dir);
        TestPluginJar.named("greeter-2.jar")
                .manifest("Plugin-Id", "greeter")
                .manifest("Plugin-Version", "2.0.0")
                .writeTo(dir);

        assertThatThrownBy(() -> PluginDirectory.load(dir, "0.1.0"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(
                        "plugin JARs " + dir.resolve("greeter-2.jar").toAbsolutePath() + " and "
                                + dir.resolve("greeter.jar").toAbsolutePath() + " both have Plugin-Id 'greeter'");
    }

    @Test
    void aMissingDirectoryFailsNamingIt() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> PluginDirectory.load(missing, "0.1.0"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("the plugin directory " + missing + " does not exist");
    }

    @Test
    void aPluginSeesTheSpiAndSlf4jOfTheHostAndNothingElseOfIt() throws Exception {
        GreeterPlugin.jar("greeter", "greeter", "1").writeTo(dir);

        try (PluginDirectory plugins = PluginDirectory.load(dir, "0.1.0")) {
            ClassLoader loader = plugins.plugins().get(0).classLoader();
            assertThat(loader.loadClass(HandlerFactory.class.getName())).isSameAs(HandlerFactory.class);
            assertThat(loader.loadClass(Logger.class.getName())).isSameAs(Logger.class);
            assertThat(loader.loadClass("java.util.List")).isSameAs(List.class);
            assertThat(loader.loadClass("greeter.lib.Greeting").getClassLoader())
                    .isSameAs(loader);
            assertThatThrownBy(() -> loader.loadClass(TheaterRuntime.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("org.pf4j.PluginManager"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("org.assertj.core.api.Assertions"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThat(loader.getResource("META-INF/services/" + HandlerFactory.class.getName()))
                    .as("only the plugin's own service file")
                    .asString()
                    .startsWith("jar:file:")
                    .endsWith("greeter.jar!/META-INF/services/dev.theater.spi.HandlerFactory");
            assertThat(Collections.list(loader.getResources("META-INF/services/" + HandlerFactory.class.getName())))
                    .hasSize(1);
        }
    }

    @Test
    void closingTheDirectoryClosesThePluginClassLoaders() {
        GreeterPlugin.jar("greeter", "greeter", "1").writeTo(dir);
        PluginDirectory plugins = PluginDirectory.load(dir, "0.1.0");
        ClassLoader loader = plugins.plugins().get(0).classLoader();

        plugins.close();
        plugins.close();

        assertThatThrownBy(() -> loader.loadClass("greeter.lib.Greeting")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theHostVersionIsTheVersionTheCoreWasBuiltAs() {
        assertThat(HostVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(HostVersion.forCompatibility("1.2.3-SNAPSHOT")).isEqualTo("1.2.3");
        assertThat(HostVersion.forCompatibility("1.2.3+build.5")).isEqualTo("1.2.3");
        assertThat(HostVersion.forCompatibility("1.2.3")).isEqualTo("1.2.3");
    }
}
