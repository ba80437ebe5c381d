package dev.theater.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {
    @ParameterizedTest
    @CsvSource({
        "65536, 65536",
        "0, 0",
        "16MiB, 16777216",
        "512KiB, 524288",
        "1GiB, 1073741824",
        "1TiB, 1099511627776",
        "7B, 7",
        "1KB, 1000",
        "2MB, 2000000",
        "1GB, 1000000000",
        "3TB, 3000000000000",
        "16 MiB, 16777216",
        "8388607TiB, 9223370937343148032",
    })
    void decimalAndBinaryUnitsMultiplyTheNumber(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"16mib, 16MiB", "16kib, 16KiB", "1GIB, 1GiB", "2mb, 2MB", "16 mib, 16 MiB"})
    void unitsAreCaseSensitiveAndTheMessageSuggestsTheRightCase(String text, String suggestion) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a size in bytes such as 16777216 or \"16MiB\", found \"" + text
                        + "\"; units are case-sensitive; did you mean \"" + suggestion + "\"?");
    }

    @ParameterizedTest
    @CsvSource({
        "'16 potatoes', unknown unit 'potatoes'; known units: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB",
        "-1, a size cannot be negative",
        "-16MiB, a size cannot be negative",
        "1.5GiB, a size is a whole number",
        "8589934592GiB, it exceeds the largest size, 9223372036854775807 bytes",
        "99999999999999999999, it exceeds the largest size",
    })
    void invalidSizesSayWhatWasFoundAndWhy(String text, String reason) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "expected a size in bytes such as 16777216 or \"16MiB\", found \"" + text + "\"")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "MiB", "' 16MiB'", "'16MiB '", "'16  MiB'", "0x10", "16_000"})
    void textThatIsNotANumberWithAUnitIsRefused(String text) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a size in bytes such as 16777216 or \"16MiB\", found \"" + text + "\"");
    }

    @Property
    void formatWritesWhatParseReadsBack(@ForAll @LongRange(min = 0) long bytes) {
        assertThat(Sizes.parse(Sizes.format(bytes))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"16777216, 16MiB", "1000, 1000", "0, 0", "1073741824, 1GiB", "1536, 1536", "3072, 3KiB"})
    void formatUsesTheLargestBinaryUnitThatDividesExactly(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }
}
