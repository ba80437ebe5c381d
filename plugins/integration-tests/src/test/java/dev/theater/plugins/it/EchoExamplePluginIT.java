package dev.theater.plugins.it;

import static dev.theater.testkit.HandlerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.runtime.ActorRef;
import dev.theater.spi.ChainEvent;
import dev.theater.testkit.BadConfig;
import dev.theater.testkit.DriverActor;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerContractTest;
import dev.theater.testkit.HostFailure;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The third-party example plugin (examples/echo-handler-plugin), built by its own Maven project (through the invoker
 * plugin) and loaded from a plugin directory, with the WIT it ships.
 */
class EchoExamplePluginIT extends HandlerContractTest {
    static Path jar() {
        Path jar = Path.of(
                System.getProperty("theater.examples", "target/it"),
                "echo-handler-plugin",
                "target",
                "echo-handler-plugin-1.0.0.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; 'mvn verify' builds the example with the invoker plugin");
        }
        return jar;
    }

    @Override
    protected String handlerId() {
        return "echo";
    }

    @Override
    protected HandlerArtifact artifact() {
        return HandlerArtifact.pluginJar(jar());
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("prefix", 7L), "prefix");
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(Map.of(), "example:echo/echo#reverse", List.of(""), "the message is empty");
    }

    @Test
    void itsClassesAreOnlyInThePluginJar() {
        PluginJars.assertNotOnTestClassPath("com.example.echo.EchoHandlerFactory");
    }

    @Test
    void anActorCallsTheInterfaceWhoseWitThePluginShips() {
        assertThat(harness().wit().findInterface("example:echo/echo")).isPresent();
        DriverActor actor = harness().spawnDriver(Map.of("prefix", "echo: "));

        assertThat(actor.call("example:echo/echo#echo", "hi")).returned("echo: hi");
        assertThat(actor.call("example:echo/echo#reverse", "stressed")).returnedOk("desserts");
        assertThat(actor.call("example:echo/echo#count")).returned(3L);
        assertThat(harness().handler().origin()).startsWith("plugin echo 1.0.0 (");
    }

    /**
     * An actor written with a guest SDK calls the third-party interface through the SDK's ABI helpers, as
     * docs/guests.md shows: {@code guests/echo-caller} in Rust and AssemblyScript.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rust", "assemblyscript"})
    void aGuestSdkActorCallsTheThirdPartyInterface(String language) throws URISyntaxException {
        Path wasm = Path.of(getClass()
                .getResource("/guests/echo-caller/echo-caller-" + language + ".wasm")
                .toURI());

        ActorRef actor = harness().spawn(wasm, Map.of("prefix", "echo: "));

        assertThat(logLines(actor))
                .containsExactly(
                        "echo: echo: hi",
                        "reverse: Ok(\"desserts\")",
                        "reverse of nothing: Err(\"reverse: the message is empty; send at least one character\")",
                        "count: 4");
    }

    /** The msg of the actor's runtime.log calls, from its chain. */
    private static List<String> logLines(ActorRef actor) {
        return actor.controller().chain().stream()
                .filter(e -> e.description().orElse("").equals("theater:simple/runtime#log"))
                .map(EchoExamplePluginIT::message)
                .toList();
    }

    private static String message(ChainEvent event) {
        String data = new String(event.data(), StandardCharsets.UTF_8);
        int start = data.indexOf("\"msg\":\"") + "\"msg\":\"".length();
        int end = data.indexOf("\"},\"result\"", start);
        return data.substring(start, end).replace("\\\"", "\"");
    }
}
