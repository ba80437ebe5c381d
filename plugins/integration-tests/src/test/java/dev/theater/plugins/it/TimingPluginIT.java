package dev.theater.plugins.it;

import static dev.theater.testkit.HandlerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorStatus;
import dev.theater.testkit.DriverActor;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerContractTest;
import dev.theater.testkit.HostCall;
import dev.theater.testkit.HostFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The timing plugin, loaded from its JAR: the contract, and what its functions do. */
class TimingPluginIT extends HandlerContractTest {
    static final String T = "theater:simple/timing#";

    @Override
    protected String handlerId() {
        return "timing";
    }

    @Override
    protected HandlerArtifact artifact() {
        return PluginJars.artifact("timing");
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(Map.of("max_sleep_ms", 10L), T + "sleep", List.of(1_000L), "max_sleep_ms = 10");
    }

    @Test
    void itsClassesAreOnlyInThePluginJar() {
        PluginJars.assertNotOnTestClassPath("dev.theater.handler.timing.TimingHandlerFactory");
    }

    @Test
    void nowIsTheWallClockInMilliseconds() {
        DriverActor actor = harness().spawnDriver(Map.of());
        long before = System.currentTimeMillis();

        HostCall now = actor.call(T + "now");

        assertThat(now).returned();
        assertThat((Long) now.result()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void sleepWaitsAtLeastTheDuration() {
        DriverActor actor = harness().spawnDriver(Map.of());
        long start = System.nanoTime();

        assertThat(actor.call(T + "sleep", 50L)).returnedOk(null);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aDeadlineInThePastReturnsAtOnceAndOneTooFarIsRefused() {
        DriverActor actor = harness().spawnDriver(Map.of("max_sleep_ms", 1_000L));

        assertThat(actor.call(T + "deadline", 1_000L)).returnedOk(null);
        assertThat(actor.call(T + "deadline", System.currentTimeMillis() + 3_600_000L))
                .returnedErrContaining("longer than this actor may wait");
        assertThat(actor.call(T + "sleep", -1L)).returnedErrContaining("18446744073709551615 ms");
    }

    @Test
    void aSleepEndsEarlyWhenTheActorIsAskedToStop() throws Exception {
        DriverActor actor = harness().spawnDriver(Map.of());
        ActorController controller = actor.ref().controller();
        CompletableFuture<Void> processing = new CompletableFuture<>();
        ActorController.Subscription subscription = controller.statusChanges(status -> {
            if (status instanceof ActorStatus.Processing) {
                processing.complete(null);
            }
        });
        try {
            CompletableFuture<HostCall> sleeping = actor.callAsync(T + "sleep", 600_000L);
            processing.get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();

            harness().runtime().stop(actor.ref().id()).get(20, TimeUnit.SECONDS);

            assertThat(sleeping.get(10, TimeUnit.SECONDS)).returnedErrContaining("the actor is shutting down");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
                    .isLessThan(10);
            assertThat(controller.status()).isInstanceOf(ActorStatus.Stopped.class);
        } finally {
            subscription.close();
        }
    }
}
