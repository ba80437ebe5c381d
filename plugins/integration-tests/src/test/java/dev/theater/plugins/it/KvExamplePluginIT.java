package dev.theater.plugins.it;

import static dev.theater.testkit.HandlerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.testkit.BadConfig;
import dev.theater.testkit.DriverActor;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerContractTest;
import dev.theater.testkit.HostFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The key-value example plugin (examples/kv-handler-plugin), built by its own Maven project against theater-spi alone
 * (through the invoker plugin) and loaded from a plugin directory: typed host functions, the interface named only in
 * the WIT it ships.
 */
class KvExamplePluginIT extends HandlerContractTest {
    static Path jar() {
        Path jar = Path.of(
                System.getProperty("theater.examples", "target/it"),
                "kv-handler-plugin",
                "target",
                "kv-handler-plugin-1.0.0.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; 'mvn verify' builds the example with the invoker plugin");
        }
        return jar;
    }

    @Override
    protected String handlerId() {
        return "kv";
    }

    @Override
    protected HandlerArtifact artifact() {
        return HandlerArtifact.pluginJar(jar());
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("max_value_size", "lots"), "max_value_size");
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(
                Map.of("max_value_size", 2L), "example:kv/kv#put", List.of("k", new byte[3]), "max_value_size");
    }

    @Test
    void itsClassesAreOnlyInThePluginJar() {
        PluginJars.assertNotOnTestClassPath("com.example.kv.KvHandlerFactory");
    }

    @Test
    void theInterfaceItProvidesComesFromTheWitItShips() {
        assertThat(harness().handler().provides()).containsExactly("example:kv/kv");
        DriverActor actor = harness().spawnDriver(Map.of());

        assertThat(actor.call("example:kv/kv#put", "a", new byte[] {7})).returnedOk(null);
        assertThat(actor.call("example:kv/kv#get", "a")).returned("Bw==");
        assertThat(actor.call("example:kv/kv#keys")).returned(List.of("a"));
    }
}
