package dev.theater.plugins.it;

import static dev.theater.testkit.HandlerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.plugins.LoadedPlugin;
import dev.theater.runtime.HandlerInfo;
import dev.theater.testkit.DriverActor;
import dev.theater.testkit.HandlerHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test: the four first-party plugin JARs in one plugin directory, none of their classes on the test
 * class path, and one actor that uses all four interfaces.
 */
class FirstPartyPluginsIT {
    @TempDir
    Path files;

    @Test
    void anActorUsesTheInterfacesOfAllFourPluginsLoadedFromTheirJars() throws Exception {
        for (String factory : List.of(
                "dev.theater.handler.timing.TimingHandlerFactory",
                "dev.theater.handler.random.RandomHandlerFactory",
                "dev.theater.handler.environment.EnvironmentHandlerFactory",
                "dev.theater.handler.filesystem.FilesystemHandlerFactory")) {
            PluginJars.assertNotOnTestClassPath(factory);
        }
        try (HandlerHarness harness = HandlerHarness.builder("timing", PluginJars.artifact("timing"))
                .addPluginJar(PluginJars.jar("random"))
                .addPluginJar(PluginJars.jar("environment"))
                .addPluginJar(PluginJars.jar("filesystem"))
                .build()) {
            assertThat(harness.runtime().plugins())
                    .extracting(LoadedPlugin::id)
                    .containsExactlyInAnyOrder("timing", "random", "environment", "filesystem");
            assertThat(harness.runtime().handlers())
                    .filteredOn(h -> h.origin().startsWith("plugin "))
                    .allSatisfy(h -> assertThat(h.origin()).startsWith("plugin " + h.id() + " "))
                    .extracting(HandlerInfo::id)
                    .containsExactlyInAnyOrder("timing", "random", "environment", "filesystem");

            DriverActor actor = harness.spawnDriverGranting(
                    Map.of(
                            "timing", Map.of(),
                            "random", Map.of("seed", 1L),
                            "environment", Map.of("allow", List.of("THEATER_IT_GREETING")),
                            "filesystem", Map.of("root", files.toString())),
                    List.of(
                            "theater:simple/timing",
                            "theater:simple/random",
                            "theater:simple/environment",
                            "theater:simple/filesystem"));

            long now = (Long) actor.call("theater:simple/timing#now").result();
            String uuid =
                    (String) actor.call("theater:simple/random#generate-uuid").ok();
            String greeting = (String) actor.call("theater:simple/environment#get-var", "THEATER_IT_GREETING")
                    .result();
            assertThat(actor.call("theater:simple/filesystem#write-file", "log.txt", greeting + " " + uuid + " " + now))
                    .returnedOk(null);

            assertThat(Files.readString(files.resolve("log.txt"))).isEqualTo("hello from the host " + uuid + " " + now);
            assertThat(actor)
                    .hasHostCallsInOrder(
                            "theater:simple/timing#now",
                            "theater:simple/random#generate-uuid",
                            "theater:simple/environment#get-var",
                            "theater:simple/filesystem#write-file")
                    .hasNoHostFailure()
                    .isIntact();
        }
    }
}
