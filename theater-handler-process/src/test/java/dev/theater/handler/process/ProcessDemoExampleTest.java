package dev.theater.handler.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example actor {@code examples/process-demo}, run the way a user runs it: handlers found by ServiceLoader. */
class ProcessDemoExampleTest {
    static final Path MANIFEST = Path.of("..", "examples", "process-demo", "process-demo.toml");

    @TempDir
    Path home;

    @AfterEach
    void killLeftovers() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void theExampleRunsLsLogsEveryLineAndShutsItselfDown() throws Exception {
        try (TheaterRuntime runtime = TheaterRuntime.builder()
                .withHome(home)
                .withStopTimeout(Duration.ofSeconds(5))
                .discoverHandlers(getClass().getClassLoader())
                .build()) {
            ActorRef actor = runtime.spawn(MANIFEST);
            awaitStopped(actor.controller());

            List<String> logged = actor.controller().chain().stream()
                    .filter(e -> e.description().equals(Optional.of("theater:simple/runtime#log")))
                    .map(ChainEvent::data)
                    .map(data -> new String(data, UTF_8))
                    .toList();
            assertThat(logged).anySatisfy(line -> assertThat(line).contains("started ls -1 as process 1"));
            assertThat(logged).anySatisfy(line -> assertThat(line).contains("\"ls: process-demo.c\""));
            assertThat(logged).anySatisfy(line -> assertThat(line).contains("\"ls: process-demo.toml\""));
            assertThat(logged)
                    .last()
                    .asString()
                    .containsPattern("ls exited with code 0 after [1-9][0-9]* lines; shutting down");
        }
    }

    static void awaitStopped(ActorController controller) throws Exception {
        CompletableFuture<ActorStatus> stopped = new CompletableFuture<>();
        ActorController.Subscription subscription = controller.statusChanges(s -> {
            if (s.isTerminal()) {
                stopped.complete(s);
            }
        });
        try {
            if (controller.status().isTerminal()) {
                stopped.complete(controller.status());
            }
            assertThat(stopped.get(30, TimeUnit.SECONDS)).isInstanceOf(ActorStatus.Stopped.class);
        } finally {
            subscription.close();
        }
    }
}
