package dev.theater.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A runtime closed while an actor is being spawned leaves nothing of that actor running or open. */
class CloseWhileSpawningTest {
    @TempDir
    Path home;

    /** A handler whose creation waits until the test lets it go on, and which remembers being closed. */
    static final class GateFactory implements HandlerFactory {
        final CountDownLatch creating = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        @Override
        public String id() {
            return "gate";
        }

        @Override
        public Handler create(HandlerConfig config, HandlerContext context) {
            creating.countDown();
            try {
                proceed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Handler() {
                @Override
                public Set<String> imports() {
                    return Set.of();
                }

                @Override
                public Set<String> exports() {
                    return Set.of();
                }

                @Override
                public void link(HostLinker linker) {}

                @Override
                public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {}

                @Override
                public void close() {
                    closed.complete(null);
                }
            };
        }
    }

    /**
     * With a call timeout the spawn next needs the runtime's timer (already shut down); without one it gets as far as
     * registering the actor, which close() did not see.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anActorWhoseSpawnOutlastsCloseIsRefusedAndReleased(boolean callTimeout) throws Exception {
        GateFactory gate = new GateFactory();
        TheaterRuntime runtime = TheaterRuntime.builder()
                .withHome(home)
                .withoutPlugins()
                .addHandler(gate)
                .build();
        ExecutorService spawner = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<ActorRef> spawn = CompletableFuture.supplyAsync(
                    () -> runtime.spawn(
                            ActorRuntimeContractTest.manifest("counter", "actor")
                                    .addHandler("gate", Map.of())
                                    .withLimits(ActorRuntimeContractTest.limits(
                                            callTimeout ? Duration.ofSeconds(5) : null, 16))
                                    .withSaveChain(false)
                                    .build(),
                            null),
                    spawner);
            assertThat(gate.creating.await(30, TimeUnit.SECONDS)).isTrue();

            runtime.close();
            gate.proceed.countDown();

            ExecutionException failure = null;
            try {
                spawn.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            assertThat(failure.getCause()).isInstanceOf(SpawnException.class).hasMessageContaining("closed");
            gate.closed.get(30, TimeUnit.SECONDS);
            assertThat(runtime.list()).isEmpty();
        } finally {
            gate.proceed.countDown();
            spawner.shutdownNow();
        }
    }
}
