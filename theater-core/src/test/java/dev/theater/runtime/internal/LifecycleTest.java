package dev.theater.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.spi.ActorException;
import dev.theater.spi.ActorStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The transition functions of the actor's life cycle, one state and event at a time, without an actor. */
class LifecycleTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** Applies {@code event} to {@code state} as the actor does: the last state the step passes through. */
    private static Lifecycle.State next(Lifecycle.State state, Lifecycle.Event event) {
        Lifecycle.Step step = state.on(event);
        return step.transitions().isEmpty()
                ? state
                : step.transitions().get(step.transitions().size() - 1).next();
    }

    private static Lifecycle.State idle() {
        return next(Lifecycle.initial(), new Lifecycle.Ended("init", true, null, true));
    }

    private static Lifecycle.State processing() {
        return next(idle(), new Lifecycle.Next("handle-send", NOW));
    }

    @Test
    void initSucceedingMakesTheActorIdleAndRecordsWhy() {
        Lifecycle.Step step = Lifecycle.initial().on(new Lifecycle.Ended("init", true, null, true));

        assertThat(step.transitions()).singleElement().satisfies(t -> {
            assertThat(t.next().status()).isInstanceOf(ActorStatus.Idle.class);
            assertThat(t.reason()).isEqualTo("init succeeded");
        });
    }

    @Test
    void initFailingFinishesTheActorAsFailedNamingTheFailure() {
        ActorException trap = new ActorException.Trap(null, "unreachable", null);

        assertThat(Lifecycle.initial()
                        .on(new Lifecycle.Ended("init", true, trap, true))
                        .outcome())
                .isEqualTo(new Lifecycle.FinishAs(new ActorStatus.Failed("init failed: unreachable")));
    }

    @Test
    void aPauseWhileProcessingIsPendingUntilTheOperationEnds() {
        Lifecycle.Step asked = processing().on(new Lifecycle.Pause());
        assertThat(asked.outcome()).isInstanceOf(Lifecycle.PauseLater.class);
        Lifecycle.State pending = asked.transitions().get(0).next();
        assertThat(pending.status()).isInstanceOf(ActorStatus.Processing.class);
        assertThat(pending.on(new Lifecycle.Pause()).outcome()).isEqualTo(new Lifecycle.AlreadyPaused(true));

        Lifecycle.Step ended = pending.on(new Lifecycle.Ended("handle-send", false, null, false));

        assertThat(ended.outcome()).isEqualTo(new Lifecycle.PausedNow(pending.pendingPause()));
        assertThat(ended.transitions()).singleElement().satisfies(t -> {
            assertThat(t.next().status()).isInstanceOf(ActorStatus.Paused.class);
            assertThat(t.reason()).isEqualTo("pause() after handle-send");
        });
    }

    @Test
    void resumingAnActorThatIsNotPausedIsRefusedNamingItsStatus() {
        assertThat(idle().on(new Lifecycle.Resume()).outcome())
                .isEqualTo(new Lifecycle.NotPaused(idle().status(), false));
        Lifecycle.State paused = next(idle(), new Lifecycle.Pause());
        assertThat(paused.on(new Lifecycle.Resume()).outcome()).isEqualTo(new Lifecycle.Resumed());
    }

    @Test
    void shutdownOfAnIdleActorWithNothingQueuedFinishesAtOnceAndTakesNoNewWork() {
        Lifecycle.Step step = idle().on(new Lifecycle.Shutdown("shutdown(10s)", false, true));

        assertThat(step.outcome()).isEqualTo(new Lifecycle.ShuttingDownNow(null, true, false));
        Lifecycle.State down = step.transitions().get(0).next();
        assertThat(down.takesWork()).isFalse();
        assertThat(down.on(new Lifecycle.Next(null, NOW)).outcome())
                .isEqualTo(new Lifecycle.FinishAs(new ActorStatus.Stopped()));
    }

    @Test
    void aForcedStopOfARunningOperationInterruptsItAndEndsAsForceStopped() {
        Lifecycle.Step step = processing().on(new Lifecycle.ForceStop(true, true));

        assertThat(step.outcome()).isEqualTo(new Lifecycle.Forced(null, true, false));
        Lifecycle.State forced = step.transitions().get(0).next();
        assertThat(forced.on(new Lifecycle.ForceStop(true, true)).outcome())
                .isEqualTo(new Lifecycle.AlreadyEnding(false));
        Lifecycle.State finishing = next(forced, new Lifecycle.Finish(new ActorStatus.Stopped()));
        assertThat(finishing.on(new Lifecycle.Released()).transitions())
                .singleElement()
                .satisfies(t -> assertThat(t.reason()).isEqualTo("force-stopped"));
    }

    @Test
    void failingWhileAnOperationRunsInterruptsItAndFailsTheActorWhenItEnds() {
        Lifecycle.Step step = processing().on(new Lifecycle.Fail("parent gave up", true, true));

        assertThat(step.outcome()).isEqualTo(new Lifecycle.Interrupt());
        Lifecycle.State failing = step.transitions().get(0).next();
        assertThat(failing.status()).isInstanceOf(ActorStatus.Processing.class);
        assertThat(failing.on(new Lifecycle.Ended("handle-send", false, null, true))
                        .outcome())
                .isEqualTo(new Lifecycle.FinishAs(new ActorStatus.Failed("parent gave up")));
        assertThat(failing.on(new Lifecycle.Fail("again", false, false)).outcome())
                .isEqualTo(new Lifecycle.Done());
    }

    @Test
    void anEndedActorRefusesEveryRequestWithItsFinalStatus() {
        Lifecycle.State over = new Lifecycle.Over(new ActorStatus.Stopped());

        assertThat(over.on(new Lifecycle.Pause()).outcome()).isEqualTo(new Lifecycle.Closed(over.status()));
        assertThat(over.on(new Lifecycle.Shutdown("shutdown(1s)", false, true)).outcome())
                .isEqualTo(new Lifecycle.Closed(over.status()));
        assertThat(over.takesWork()).isFalse();
    }
}
