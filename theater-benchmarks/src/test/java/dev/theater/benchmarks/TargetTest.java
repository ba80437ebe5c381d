package dev.theater.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The quick mode's target table and verdicts: what makes `scripts/bench --quick` pass or fail. */
class TargetTest {
    @Test
    void targetsAreTheOnesOfDesignSection10() {
        assertThat(Target.METRICS_P99.describe()).isEqualTo("< 10 µs");
        assertThat(Target.FORCE_STOP_P99.describe()).isEqualTo("< 10 ms");
        assertThat(Target.ROUND_TRIP_MEDIAN.describe()).isEqualTo("< 20 µs");
        assertThat(Target.SPAWN_MEDIAN.describe()).isEqualTo("< 1 ms");
        assertThat(Target.IDLE_ACTORS_IN_1_GIB.describe()).isEqualTo(">= 10,000 actors");
        assertThat(Target.OVERHEAD_PER_ACTOR.describe()).isEqualTo("<= 32 KiB");
    }

    @Test
    void aFigureAtTheLimitMissesABelowTargetAndMeetsAnAtMostOrAtLeastTarget() {
        assertThat(Target.METRICS_P99.isMetBy(10)).isFalse();
        assertThat(Target.METRICS_P99.isMetBy(9.99)).isTrue();
        assertThat(Target.OVERHEAD_PER_ACTOR.isMetBy(32)).isTrue();
        assertThat(Target.OVERHEAD_PER_ACTOR.isMetBy(32.01)).isFalse();
        assertThat(Target.IDLE_ACTORS_IN_1_GIB.isMetBy(10_000)).isTrue();
        assertThat(Target.IDLE_ACTORS_IN_1_GIB.isMetBy(9_999)).isFalse();
    }

    @Test
    void aMissingFigureMissesItsTarget() {
        assertThat(Target.OVERHEAD_PER_ACTOR.isMetBy(Double.NaN)).isFalse();
        assertThat(Target.IDLE_ACTORS_IN_1_GIB.isMetBy(Double.NaN)).isFalse();
    }

    @Test
    void aMissOnTheDefaultEngineFailsTheRunAndAMissOnAnotherEngineIsOnlyReported() {
        Report other = new Report();
        other.add(Figure.checked("round trip [wasmtime]", 70, Target.ROUND_TRIP_MEDIAN, false));
        other.add(Figure.report("raw call [wasmtime]", 16, Target.Unit.MICROS));
        assertThat(other.passed()).isTrue();
        assertThat(other.render()).contains("MISS*", "--strict");

        Report gating = new Report();
        gating.add(Figure.checked("round trip [chicory]", 25, Target.ROUND_TRIP_MEDIAN, true));
        assertThat(gating.passed()).isFalse();
        assertThat(gating.figures().get(0).verdict()).isEqualTo(Figure.Verdict.MISS);
    }

    @Test
    void eachLineShowsTheFigureTheTargetAndTheVerdict() {
        Figure figure = Figure.checked("metrics() p99 [chicory]", 0.1234, Target.METRICS_P99, true);

        assertThat(Report.line(figure, 24)).matches("metrics\\(\\) p99 \\[chicory]\\s+0\\.12 µs\\s+< 10 µs\\s+PASS");
    }

    @Test
    void aFigureInAnotherUnitThanItsTargetIsRefused() {
        assertThatThrownBy(() -> new Figure("spawn", 0.5, Target.Unit.MICROS, Optional.of(Target.SPAWN_MEDIAN), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MICROS", "MILLIS");
    }

    @Test
    void theFootprintLineIsReadAsKeyValuePairs() {
        Map<String, String> values =
                BenchMain.parseFootprint("noise\nfootprint engine=chicory spawned=10000 overhead_per_actor=4851\n");

        assertThat(values)
                .containsEntry("engine", "chicory")
                .containsEntry("spawned", "10000")
                .containsEntry("overhead_per_actor", "4851");
        assertThat(BenchMain.parseFootprint("no figures")).isEmpty();
    }
}
