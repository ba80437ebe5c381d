package dev.theater.handler.supervisor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorId;
import dev.theater.spi.ChainEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code examples/supervisor-tree}, run the way {@code theater run} runs it: handlers found by
 * ServiceLoader, real time. flaky crashes twice and is restarted after 100 ms and 200 ms from its last state, then
 * stays up; greedy is refused; stopping the root stops the tree.
 */
class SupervisorTreeExampleTest {
    static final Path MANIFEST = Path.of("..", "examples", "supervisor-tree", "supervisor.toml");

    @TempDir
    Path home;

    @Test
    void theExampleTreeRestartsFlakyTwiceRefusesGreedyAndStopsAsAWhole() throws Exception {
        try (TheaterRuntime runtime = TheaterRuntime.builder()
                .withHome(home)
                .withStopTimeout(Duration.ofSeconds(5))
                .discoverHandlers(getClass().getClassLoader())
                .build()) {
            ActorRef root = runtime.spawn(MANIFEST);
            List<ActorId> children = runtime.childrenOf(root.id());
            assertThat(children).hasSize(2);
            assertThat(logs(root))
                    .anyMatch(l -> l.startsWith("spawned steady.toml as "))
                    .anyMatch(l -> l.startsWith("spawned flaky.toml as "))
                    .anyMatch(l -> l.startsWith("could not spawn greedy.toml: ")
                            && l.contains("handler 'process'")
                            && l.contains("never wider than its parent's"));
            ActorId flaky = children.get(1);

            awaitChain(
                    runtime,
                    root,
                    () -> TreeFixture.decisions(root.controller(), "restart").size() >= 2);
            ActorRef settled = runtime.lookup(flaky).orElseThrow();
            awaitChain(runtime, settled, () -> settled.controller()
                    .state()
                    .map(s -> new String(s, UTF_8))
                    .equals(Optional.of("flaky+++")));

            assertThat(settled.controller().metrics().restarts()).isEqualTo(2);
            assertThat(TreeFixture.decisions(root.controller(), "backoff"))
                    .hasSize(2)
                    .satisfiesExactly(
                            first -> assertThat(first).contains("\"delay_ms\":100"),
                            second -> assertThat(second).contains("\"delay_ms\":"));
            assertThat(logs(root).stream().filter(l -> l.endsWith(" failed: "))).hasSize(2);
            assertThat(runtime.childrenOf(root.id())).containsExactlyElementsOf(children);

            TreeFixture.await(runtime.stop(root.id()));
            assertThat(runtime.list()).isEmpty();
        }
    }

    /** The actor's log lines: the msg of its runtime.log host calls. */
    private static List<String> logs(ActorRef actor) {
        return actor.controller().chain().stream()
                .filter(e -> e.description().orElse("").equals("theater:simple/runtime#log"))
                .map(SupervisorTreeExampleTest::message)
                .toList();
    }

    private static String message(ChainEvent event) {
        String data = new String(event.data(), UTF_8);
        int start = data.indexOf("\"msg\":\"") + 7;
        int end = data.indexOf("\"}", start);
        return data.substring(start, end).replace("\\\"", "\"");
    }

    private static void awaitChain(TheaterRuntime runtime, ActorRef actor, BooleanSupplier done)
            throws InterruptedException {
        Object signal = new Object();
        var subscription = runtime.subscribeChain(actor.id(), 0, e -> {
            synchronized (signal) {
                signal.notifyAll();
            }
        });
        try {
            long deadline = System.nanoTime() + TreeFixture.WAIT.toNanos();
            synchronized (signal) {
                while (!done.getAsBoolean()) {
                    long left = deadline - System.nanoTime();
                    assertThat(left)
                            .as("waiting for the example tree; log: %s", logs(actor))
                            .isPositive();
                    signal.wait(Math.max(1, left / 1_000_000));
                }
            }
        } finally {
            subscription.close();
        }
    }
}
