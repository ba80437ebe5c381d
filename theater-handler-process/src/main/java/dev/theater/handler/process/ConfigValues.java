package dev.theater.handler.process;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and durations in a handler table, in the forms the manifest uses elsewhere: a TOML integer (bytes,
 * milliseconds) or a string with a unit ({@code "64KiB"}, {@code "10MB"}; {@code "500ms"}, {@code "2s"}, {@code "1m"},
 * {@code "1h"}).
 */
final class ConfigValues {
    private static final Pattern FORM = Pattern.compile("([0-9]+)( ?)([A-Za-z]*)");
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "B", 1L,
            "KB", 1_000L,
            "MB", 1_000_000L,
            "GB", 1_000_000_000L,
            "KiB", 1L << 10,
            "MiB", 1L << 20,
            "GiB", 1L << 30);
    private static final Map<String, Long> DURATION_UNITS_MS =
            Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L);

    private ConfigValues() {}

    /** Where a key lives, for messages: {@code fetcher.toml: [[handler]] type = "process" of actor 'fetcher'}. */
    static String location(HandlerConfig config) {
        requireNonNull(config, "config is null");
        return config.manifest().getFileName() + ": [[handler]] type = \"" + config.handlerType() + "\" of actor '"
                + config.actorName() + "'";
    }

    /** A size in bytes: an integer or a string such as {@code "1MiB"}. */
    static Optional<Long> size(HandlerConfig config, String key) {
        String expected = "a size in bytes such as 1048576 or \"1MiB\" (units B, KB, MB, GB, KiB, MiB, GiB)";
        return number(config, key, expected, SIZE_UNITS, false);
    }

    /** A duration: an integer of milliseconds or a string such as {@code "30s"}. */
    static Optional<Duration> duration(HandlerConfig config, String key) {
        String expected = "a duration such as \"500ms\", \"30s\", \"1m\", \"1h\" or an integer of milliseconds";
        return number(config, key, expected, DURATION_UNITS_MS, true).map(Duration::ofMillis);
    }

    private static Optional<Long> number(
            HandlerConfig config, String key, String expected, Map<String, Long> units, boolean unitRequired) {
        Object value = config.values().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Long || value instanceof Integer) {
            long n = ((Number) value).longValue();
            if (n < 0) {
                throw wrong(config, key, expected, String.valueOf(n), "it is negative");
            }
            return Optional.of(n);
        }
        if (!(value instanceof String text)) {
            throw wrong(config, key, expected, String.valueOf(value), "it is neither an integer nor a string");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw wrong(config, key, expected, "\"" + text + "\"", "it is not a whole number with a unit");
        }
        String unit = m.group(3);
        Long multiplier = unit.isEmpty() && !unitRequired ? Long.valueOf(1) : units.get(unit);
        if (multiplier == null) {
            throw wrong(
                    config,
                    key,
                    expected,
                    "\"" + text + "\"",
                    unit.isEmpty() ? "it has no unit" : "'" + unit + "' is not a known unit (they are case-sensitive)");
        }
        try {
            return Optional.of(Math.multiplyExact(Long.parseLong(m.group(1)), multiplier));
        } catch (ArithmeticException | NumberFormatException e) {
            throw wrong(config, key, expected, "\"" + text + "\"", "it is too large");
        }
    }

    private static HandlerConfigException wrong(
            HandlerConfig config, String key, String expected, String found, String why) {
        return new HandlerConfigException(
                key, location(config) + ": key '" + key + "' must be " + expected + ", found " + found + ": " + why);
    }
}
