package dev.theater.handler.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void tasksRunOnlyWhenTheClockPassesTheirDueTimeInDueOrder() {
        VirtualScheduler clock = new VirtualScheduler(START);
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(2), () -> ran.add("b at " + clock.now()));
        clock.schedule(Duration.ofSeconds(1), () -> ran.add("a at " + clock.now()));
        clock.schedule(Duration.ofSeconds(2), () -> ran.add("c at " + clock.now()));

        clock.runDue();
        assertThat(ran).isEmpty();
        clock.advance(Duration.ofMillis(1500));
        assertThat(ran).containsExactly("a at " + START.plusSeconds(1));
        assertThat(clock.now()).isEqualTo(START.plusMillis(1500));
        clock.advance(Duration.ofSeconds(10));

        assertThat(ran)
                .containsExactly(
                        "a at " + START.plusSeconds(1), "b at " + START.plusSeconds(2), "c at " + START.plusSeconds(2));
        assertThat(clock.now()).isEqualTo(START.plusMillis(11_500));
        assertThat(clock.requestedDelays())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aCancelledTaskNeverRuns() {
        VirtualScheduler clock = new VirtualScheduler(START);
        List<String> ran = new ArrayList<>();
        Scheduler.Cancellable task = clock.schedule(Duration.ofSeconds(1), () -> ran.add("x"));

        task.cancel();
        clock.advance(Duration.ofSeconds(5));

        assertThat(ran).isEmpty();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void tasksScheduledByTasksRunWhenTheyFallDueWithinTheSameAdvance() {
        VirtualScheduler clock = new VirtualScheduler(START);
        List<Instant> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(1), () -> {
            ran.add(clock.now());
            clock.schedule(Duration.ofSeconds(1), () -> ran.add(clock.now()));
            clock.schedule(Duration.ofSeconds(10), () -> ran.add(clock.now()));
        });

        clock.advance(Duration.ofSeconds(3));

        assertThat(ran).containsExactly(START.plusSeconds(1), START.plusSeconds(2));
        assertThat(clock.pendingDelays()).containsExactly(Duration.ofSeconds(8));
        assertThat(clock.advanceToNext()).isTrue();
        assertThat(ran).hasSize(3);
        assertThat(clock.advanceToNext()).isFalse();
    }

    @Test
    void awaitPendingWaitsForATaskAnotherThreadSchedules() throws Exception {
        VirtualScheduler clock = new VirtualScheduler(START);

        CompletableFuture.runAsync(() -> clock.schedule(Duration.ofSeconds(1), () -> {}));

        assertThat(clock.awaitPending(1, Duration.ofSeconds(10))).isTrue();
        assertThat(clock.awaitPending(2, Duration.ofMillis(20))).isFalse();
    }

    @Test
    void timeNeverMovesBackwards() {
        assertThatThrownBy(() -> new VirtualScheduler(START).advance(Duration.ofSeconds(-1)))
                .hasMessageContaining("forward");
    }
}
