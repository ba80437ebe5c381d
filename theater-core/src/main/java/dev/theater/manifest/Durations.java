package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as text: a whole number followed by a case-sensitive unit, optionally separated by one space:
 * {@code ms}, {@code s}, {@code m} (minutes), {@code h}. {@code "500ms"}, {@code "2s"}, {@code "1m"}, {@code "1h"}.
 * A number without a unit is refused because its unit would be a guess; a manifest may give a bare TOML integer,
 * which means milliseconds. The largest duration is {@link #MAX}, so that {@link Duration#toNanos()} never
 * overflows.
 */
public final class Durations {
    /** The largest duration accepted: {@code Long.MAX_VALUE} nanoseconds, about 292 years. */
    public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

    /** The expected form, as error messages name it. */
    static final String EXPECTED = "a duration such as \"500ms\", \"2s\", \"1m\", \"1h\" or an integer of milliseconds";

    private static final Pattern FORM = Pattern.compile("(-?)([0-9]+(?:\\.[0-9]+)?)( ?)([A-Za-z]*)");
    private static final Map<String, ChronoUnit> UNITS =
            Map.of("ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS);
    private static final String UNIT_LIST = "ms, s, m, h";

    private Durations() {}

    /**
     * Parses {@code text} into a duration, zero or more.
     *
     * @throws IllegalArgumentException when the text is not a duration; the message reads {@code expected a duration
     *     such as "500ms", ..., found "2 days"; ...} with the reason and, where one is likely, the fix
     */
    public static Duration parse(String text) {
        requireNonNull(text, "text is null");
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw problem(text, "");
        }
        String number = m.group(2);
        String unit = m.group(4);
        if (unit.isEmpty()) {
            throw problem(
                    text, "; it has no unit: add a unit (" + UNIT_LIST + "), e.g. \"" + m.group(1) + number + "ms\"");
        }
        ChronoUnit chronoUnit = UNITS.get(unit);
        if (chronoUnit == null) {
            String lower = unit.toLowerCase(Locale.ROOT);
            if (UNITS.containsKey(lower)) {
                throw problem(
                        text,
                        "; units are case-sensitive; did you mean \"" + m.group(1) + number + m.group(3) + lower
                                + "\"?");
            }
            throw problem(text, "; unknown unit '" + unit + "'; known units: " + UNIT_LIST);
        }
        if (!m.group(1).isEmpty()) {
            throw problem(text, "; a duration cannot be negative");
        }
        if (number.contains(".")) {
            throw problem(
                    text, "; a duration is a whole number; use a smaller unit, e.g. \"1500ms\" instead of \"1.5s\"");
        }
        try {
            Duration duration = Duration.of(Long.parseLong(number), chronoUnit);
            if (duration.compareTo(MAX) > 0) {
                throw new ArithmeticException("beyond MAX");
            }
            return duration;
        } catch (ArithmeticException | NumberFormatException e) {
            throw problem(text, "; it exceeds the largest duration, " + format(MAX.truncatedTo(ChronoUnit.HOURS)));
        }
    }

    /**
     * Milliseconds as a duration, the meaning of a bare TOML integer.
     *
     * @throws IllegalArgumentException when {@code millis} is negative or beyond {@link #MAX}
     */
    public static Duration ofMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(
                    "expected " + EXPECTED + ", found integer " + millis + "; a duration cannot be negative");
        }
        if (millis > MAX.toMillis()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", found integer " + millis
                    + "; it exceeds the largest duration, " + MAX.toMillis() + " milliseconds");
        }
        return Duration.ofMillis(millis);
    }

    /**
     * {@code duration} for a message: as {@link #format} writes it when it can ({@code "2s"}, {@code "1500ms"}), else
     * in whole milliseconds, or as {@link Duration#toString()} when it is negative.
     */
    public static String describe(Duration duration) {
        requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            return duration.toString();
        }
        if (duration.compareTo(MAX) > 0) {
            return duration.toMillis() + "ms";
        }
        return format(duration.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Writes {@code duration} in the largest unit that divides it exactly ({@code "2s"}, {@code "1500ms"}); {@link
     * #parse} reads the result back. Negative durations, durations beyond {@link #MAX} and
     * sub-millisecond parts are refused.
     */
    public static String format(Duration duration) {
        requireNonNull(duration, "duration is null");
        if (duration.isNegative() || duration.compareTo(MAX) > 0 || duration.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "duration must be whole milliseconds between 0 and Durations.MAX, was " + duration);
        }
        Map<String, ChronoUnit> largestFirst = new LinkedHashMap<>();
        largestFirst.put("h", ChronoUnit.HOURS);
        largestFirst.put("m", ChronoUnit.MINUTES);
        largestFirst.put("s", ChronoUnit.SECONDS);
        for (Map.Entry<String, ChronoUnit> unit : largestFirst.entrySet()) {
            Duration size = unit.getValue().getDuration();
            if (!duration.isZero() && duration.toMillis() % size.toMillis() == 0) {
                return duration.toMillis() / size.toMillis() + unit.getKey();
            }
        }
        return duration.toMillis() + "ms";
    }

    private static IllegalArgumentException problem(String text, String reason) {
        return new IllegalArgumentException("expected " + EXPECTED + ", found " + ManifestParser.quote(text) + reason);
    }
}
