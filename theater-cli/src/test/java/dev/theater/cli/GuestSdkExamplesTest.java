package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The Rust and AssemblyScript examples ({@code examples/rust}, {@code examples/assemblyscript}) run through
 * {@code theater run} on both engines, as a user runs them: each stops by itself and exits 0, prints what its actors
 * did, and leaves chains (the root's and its children's) that {@code theater verify} accepts.
 */
class GuestSdkExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static Stream<Arguments> runs() {
        return Stream.of("rust", "assemblyscript")
                .flatMap(language -> Stream.of("chicory", "wasmtime").map(engine -> Arguments.of(language, engine)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void helloGreetsCountsItsStartAndStopsItself(String language, String engine) throws Exception {
        String printed = run(language, "hello/hello.toml", engine);

        assertThat(printed)
                .contains("[hello] Hello from a Theater actor written in " + displayName(language) + "!")
                .containsPattern("\\[hello] my actor id is [0-9a-f-]{36}")
                .contains("[hello] times started (from my state): 1")
                .containsPattern("actor hello [0-9a-f-]{36} stopped");
        assertEveryChainVerifies(1);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void pingSpawnsPongPlaysRequestsANoteAndAChannelThenStops(String language, String engine) throws Exception {
        String printed = run(language, "ping-pong/ping.toml", engine);

        assertThat(printed)
                .containsPattern("\\[ping] ping: my partner is [0-9a-f-]{36}")
                .contains(
                        "[ping] ping: pong answered 'pong 1'",
                        "[ping] ping: pong answered 'pong 2'",
                        "[ping] ping: pong answered 'pong 3'",
                        "[ping] ping: on the channel: welcome to pong",
                        "[ping] ping: on the channel: echo: how are you?",
                        "[ping] ping: closing the channel and stopping")
                .containsPattern("actor ping [0-9a-f-]{36} stopped");
        // pong, ping's child, was stopped with it; its chain shows what it heard.
        List<Path> chains = assertEveryChainVerifies(2);
        String events = eventsOfAll(chains);
        for (String line : List.of(
                "pong: request 3 says 'ping 3'",
                "pong: a note from ping: thanks for the game",
                "pong: on the channel: how are you?")) {
            assertThat(events.contains(line)).as("pong's chain logs '%s'", line).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void theSupervisorRestartsItsFailingWorkerUntilItIsStable(String language, String engine) throws Exception {
        String printed = run(language, "supervisor/supervisor.toml", engine);

        assertThat(printed)
                .containsPattern("\\[supervisor] supervisor: spawned worker.toml as [0-9a-f-]{36}")
                .containsPattern("\\[supervisor] supervisor: child [0-9a-f-]{36} failed.*worker: crashing on purpose"
                        + " at start 1")
                .containsPattern("\\[supervisor] supervisor: child [0-9a-f-]{36} failed.*worker: crashing on purpose"
                        + " at start 2")
                .contains("[supervisor] supervisor: the worker says 'stable after 3 starts' after 2 failures; stopping")
                .containsPattern("actor supervisor [0-9a-f-]{36} stopped");
        // The worker's chain continues across its restarts; its panics (Rust) or aborts (AssemblyScript) are err
        // results carrying the message, not traps.
        List<Path> chains = assertEveryChainVerifies(2);
        String events = eventsOfAll(chains);
        // In `events --json`, an event's data is a JSON string inside the event: its quotes are escaped.
        String errResult = "\\\"err\\\":\\\"" + (language.equals("rust") ? "panicked at 'worker: " : "worker: ");
        assertThat(events.contains(errResult))
                .as("a chain event with %s", errResult)
                .isTrue();
        assertThat(events.contains("\\\"failure\\\":\\\"trap"))
                .as("a trap in the chains")
                .isFalse();
    }

    private String run(String language, String manifest, String engine) {
        Path file = EXAMPLES.resolve(language).resolve(manifest);
        assertThat(cli("run", file.toString(), "--engine", engine, "--home", home.toString()))
                .as("theater run %s on %s: %s", file, engine, err)
                .isZero();
        return out.toString();
    }

    /** Every chain file under the home verifies; returns them. */
    private List<Path> assertEveryChainVerifies(int expected) throws IOException {
        List<Path> chains;
        try (Stream<Path> files = Files.list(home.resolve("chains"))) {
            chains = files.filter(f -> f.toString().endsWith(".chain")).sorted().toList();
        }
        assertThat(chains).hasSize(expected);
        for (Path chain : chains) {
            out.getBuffer().setLength(0);
            assertThat(cli("verify", chain.toString()))
                    .as("verify %s: %s", chain, err)
                    .isZero();
            assertThat(out.toString()).startsWith("intact: ");
        }
        return chains;
    }

    /** {@code theater events --json} of every chain, concatenated. */
    private String eventsOfAll(List<Path> chains) {
        StringBuilder all = new StringBuilder();
        for (Path chain : chains) {
            out.getBuffer().setLength(0);
            assertThat(cli("events", chain.toString(), "--json")).isZero();
            all.append(out);
        }
        return all.toString();
    }

    private int cli(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String displayName(String language) {
        return language.equals("rust") ? "Rust" : "AssemblyScript";
    }
}
