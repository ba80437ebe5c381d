package dev.theater.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.spi.ChainEvent;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChainEventTest {
    private static ChainEvent event(String type, byte[] data, Optional<String> description) {
        return ChainEvents.compute(0, ChainEvents.zeroHash(), type, data, TickingClock.START, description);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lifecycle", "host-call", "http.request", "a", "v2.export-result", "x9-y8.z7"})
    void eventTypesAreLowerCaseRunsSeparatedByDashOrDot(String type) {
        assertThat(event(type, new byte[0], Optional.empty()).eventType()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Host-call",
                "host_call",
                "host call",
                "-host",
                "host-",
                "host--call",
                "host.-call",
                "9lives",
                "héllo",
                "theater:simple/runtime",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void otherEventTypesAreRefusedWithTheRule(String type) {
        assertThatThrownBy(() -> event(type, new byte[0], Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chain event type '" + type + "' is invalid")
                .hasMessageContaining("lower-case ASCII letters and digits");
    }

    @Test
    void hashesMustBe32Bytes() {
        assertThatThrownBy(() -> ChainEvents.of(
                        0, new byte[31], new byte[32], "lifecycle", new byte[0], Instant.EPOCH, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash must be 32 bytes (a SHA-256), was 31");
        assertThatThrownBy(() -> ChainEvents.of(
                        0, new byte[32], new byte[33], "lifecycle", new byte[0], Instant.EPOCH, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parentHash must be 32 bytes");
    }

    @Test
    void seqMustNotBeNegative() {
        assertThatThrownBy(() -> ChainEvents.compute(
                        -1, ChainEvents.zeroHash(), "lifecycle", new byte[0], Instant.EPOCH, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq must be >= 0, was -1");
    }

    @Test
    void descriptionsMustBeWellFormedUnicode() {
        assertThatThrownBy(() -> event("lifecycle", new byte[0], Optional.of("bad \ud800 surrogate")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate at index 4 (U+D800)");
        assertThat(event("lifecycle", new byte[0], Optional.of("emoji \ud83c\udfad ok"))
                        .description())
                .contains("emoji \ud83c\udfad ok");
    }

    @Test
    void descriptionsAreLimitedInUtf8Bytes() {
        String atLimit = "é".repeat(ChainEvents.MAX_DESCRIPTION_BYTES / 2);
        assertThat(event("lifecycle", new byte[0], Optional.of(atLimit)).description())
                .contains(atLimit);
        assertThatThrownBy(() -> event("lifecycle", new byte[0], Optional.of(atLimit + "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("description is 65537 bytes in UTF-8, more than the limit of 65536");
    }

    @Test
    void timestampsAreTruncatedToMicroseconds() {
        ChainEvent event = ChainEvents.compute(
                0,
                ChainEvents.zeroHash(),
                "lifecycle",
                new byte[0],
                Instant.parse("2025-01-02T03:04:05.123456789Z"),
                Optional.empty());

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2025-01-02T03:04:05.123456Z"));
        assertThat(ChainEncoding.truncateToMicros(Instant.parse("1969-12-31T23:59:59.999999999Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void timestampsOutsideTheMicrosecondRangeAreRefused() {
        assertThatThrownBy(() -> ChainEvents.of(
                        0, new byte[32], new byte[32], "lifecycle", new byte[0], Instant.MAX, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit in 64-bit microseconds since the epoch");
    }

    @Test
    void eventsDoNotShareArraysWithTheirCallers() {
        byte[] data = "original".getBytes(UTF_8);
        ChainEvent event = event("host-call", data, Optional.empty());

        data[0] = 'X';
        event.data()[1] = 'X';
        event.hash()[0] ^= 1;
        event.parentHash()[0] ^= 1;

        assertThat(event.data()).isEqualTo("original".getBytes(UTF_8));
        assertThat(ChainEvents.hasValidHash(event)).isTrue();
        assertThat(event.parentHash()).isEqualTo(ChainEvents.zeroHash());
    }

    @Test
    void equalityAndHashCodeUseArrayContents() {
        ChainEvent a = event("host-call", "same".getBytes(UTF_8), Optional.of("d"));
        ChainEvent b = event("host-call", "same".getBytes(UTF_8), Optional.of("d"));
        ChainEvent c = event("host-call", "diff".getBytes(UTF_8), Optional.of("d"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(ChainEvents.withHash(a, c.hash())).isNotEqualTo(a);
    }

    @Test
    void anAbsentAndAnEmptyDescriptionHashDifferently() {
        ChainEvent absent = event("lifecycle", new byte[0], Optional.empty());
        ChainEvent empty = event("lifecycle", new byte[0], Optional.of(""));

        assertThat(absent.hash()).isNotEqualTo(empty.hash());
    }
}
