package dev.theater.handler.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void withoutJitterDelaysDoubleFromMinUntilTheyReachMax() {
        Backoff backoff = new Backoff(ms(10), ms(50));

        assertThat(IntStream.range(0, 6).mapToObj(k -> backoff.delay(k, 0)))
                .containsExactly(ms(10), ms(20), ms(40), ms(50), ms(50), ms(50));
    }

    @Test
    void jitterTakesOffAtMostAQuarterOfTheBaseAndNeverGoesBelowMin() {
        Backoff backoff = new Backoff(ms(10), ms(1000));
        Random random = new Random(42);
        for (int k = 0; k < 12; k++) {
            Duration base = backoff.base(k);
            for (int i = 0; i < 200; i++) {
                Duration delay = backoff.delay(k, random.nextDouble());
                assertThat(delay).isLessThanOrEqualTo(base).isGreaterThanOrEqualTo(ms(10));
                assertThat(delay.toNanos()).isGreaterThanOrEqualTo(base.toNanos() * 3 / 4);
            }
        }
        assertThat(backoff.delay(3, 0.999_999).toNanos()).isGreaterThan(ms(60).toNanos());
    }

    @Test
    void withJitterEachDelayIsLongerThanTheOneBeforeUntilTheCapIsNear() {
        Backoff backoff = new Backoff(ms(5), ms(10_000));
        Random random = new Random(7);
        for (int run = 0; run < 100; run++) {
            Duration previous = Duration.ZERO;
            for (int k = 0; backoff.base(k).multipliedBy(2).compareTo(ms(10_000)) <= 0; k++) {
                Duration delay = backoff.delay(k, random.nextDouble());
                assertThat(delay).isGreaterThan(previous);
                previous = delay;
            }
        }
    }

    @Test
    void hugeAttemptCountsStayAtMaxWithoutOverflow() {
        Backoff backoff = new Backoff(ms(1), Duration.ofHours(1));

        assertThat(backoff.delay(10_000, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO).delay(5, 0.5)).isZero();
    }

    @Test
    void argumentsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new Backoff(ms(10), ms(5))).hasMessageContaining("min <= max");
        assertThatThrownBy(() -> new Backoff(ms(1), ms(5)).delay(0, 1.0)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new Backoff(ms(1), ms(5)).delay(-1, 0)).hasMessageContaining("attempt");
    }
}
