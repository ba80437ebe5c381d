package dev.theater.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
    private static final String EXPECTED =
            "expected a duration such as \"500ms\", \"2s\", \"1m\", \"1h\" or an integer of milliseconds, found ";

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "2s, PT2S",
        "1m, PT1M",
        "1h, PT1H",
        "0ms, PT0S",
        "0s, PT0S",
        "90 s, PT1M30S",
        "2562047h, PT2562047H",
    })
    void aNumberWithAUnitIsADuration(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2S, 2s", "500MS, 500ms", "1H, 1h", "500Ms, 500ms", "3 S, 3 s"})
    void unitsAreCaseSensitiveAndTheMessageSuggestsTheRightCase(String text, String suggestion) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        EXPECTED + "\"" + text + "\"; units are case-sensitive; did you mean \"" + suggestion + "\"?");
    }

    @ParameterizedTest
    @CsvSource({
        "1500, add a unit (ms, s, m, h), e.g. \"1500ms\"",
        "'2 days', unknown unit 'days'; known units: ms, s, m, h",
        "5sec, unknown unit 'sec'",
        "-5s, a duration cannot be negative",
        "1.5s, a duration is a whole number",
        "2562048h, it exceeds the largest duration, 2562047h",
        "9999999999999999999ms, it exceeds the largest duration",
        "9223372036854775807h, it exceeds the largest duration",
    })
    void invalidDurationsSayWhatWasFoundAndWhy(String text, String reason) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(EXPECTED + "\"" + text + "\"")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "s", "1m30s", "PT2S", "' 2s'"})
    void textThatIsNotANumberWithAUnitIsRefused(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(EXPECTED + "\"" + text + "\"");
    }

    @Test
    void anIntegerIsMilliseconds() {
        assertThat(Durations.ofMillis(1500)).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.ofMillis(0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aNegativeOrHugeIntegerIsRefused() {
        assertThatThrownBy(() -> Durations.ofMillis(-1))
                .hasMessage(EXPECTED + "integer -1; a duration cannot be negative");
        assertThatThrownBy(() -> Durations.ofMillis(Long.MAX_VALUE))
                .hasMessageStartingWith(EXPECTED + "integer " + Long.MAX_VALUE + "; it exceeds the largest duration");
    }

    @Property
    void formatWritesWhatParseReadsBack(@ForAll @LongRange(min = 0, max = 9_223_372_036_854L) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @ParameterizedTest
    @CsvSource({"PT2S, 2s", "PT1.5S, 1500ms", "PT0S, 0ms", "PT1H, 1h", "PT90M, 90m", "PT1M30S, 90s"})
    void formatUsesTheLargestUnitThatDividesExactly(Duration duration, String text) {
        assertThat(Durations.format(duration)).isEqualTo(text);
    }
}
