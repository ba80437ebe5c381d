package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes written as text: a whole number of bytes ({@code "65536"}) or a whole number with a unit, optionally
 * separated by one space. Units are case-sensitive: {@code B}; {@code KB}, {@code MB}, {@code GB}, {@code TB} (powers
 * of 1000); {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} (powers of 1024).
 */
public final class Sizes {
    /** The expected form, as error messages name it. */
    static final String EXPECTED = "a size in bytes such as 16777216 or \"16MiB\"";

    private static final Pattern FORM = Pattern.compile("(-?)([0-9]+(?:\\.[0-9]+)?)( ?)([A-Za-z]*)");
    private static final Map<String, Long> UNITS = units();

    private Sizes() {}

    /**
     * Parses {@code text} into a number of bytes, zero or more.
     *
     * @throws IllegalArgumentException when the text is not a size; the message reads {@code expected a size in bytes
     *     such as 16777216 or "16MiB", found "16 potatoes"; ...} with the reason and, where one is likely, the fix
     */
    public static long parse(String text) {
        requireNonNull(text, "text is null");
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw problem(text, "");
        }
        String unit = m.group(4);
        Long multiplier = unit.isEmpty() ? Long.valueOf(1) : UNITS.get(unit);
        if (multiplier == null) {
            throw problem(text, unknownUnit(m, unit));
        }
        if (!m.group(1).isEmpty()) {
            throw problem(text, "; a size cannot be negative");
        }
        if (m.group(2).contains(".")) {
            throw problem(
                    text, "; a size is a whole number; use a smaller unit, e.g. \"1536MiB\" instead of \"1.5GiB\"");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(2)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw problem(text, "; it exceeds the largest size, " + Long.MAX_VALUE + " bytes");
        }
    }

    /**
     * Writes {@code bytes} in the largest binary unit that divides it exactly: {@code 16777216} becomes
     * {@code "16MiB"}, {@code 1000} stays {@code "1000"}. {@link #parse} reads the result back.
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
        }
        String[] binary = {"TiB", "GiB", "MiB", "KiB"};
        for (String unit : binary) {
            long size = UNITS.get(unit);
            if (bytes != 0 && bytes % size == 0) {
                return bytes / size + unit;
            }
        }
        return Long.toString(bytes);
    }

    private static String unknownUnit(Matcher m, String unit) {
        for (String known : UNITS.keySet()) {
            if (known.equalsIgnoreCase(unit)) {
                return "; units are case-sensitive; did you mean \"" + m.group(1) + m.group(2) + m.group(3) + known
                        + "\"?";
            }
        }
        return "; unknown unit '" + unit + "'; known units: " + String.join(", ", UNITS.keySet());
    }

    private static IllegalArgumentException problem(String text, String reason) {
        return new IllegalArgumentException("expected " + EXPECTED + ", found " + ManifestParser.quote(text) + reason);
    }

    private static Map<String, Long> units() {
        Map<String, Long> units = new LinkedHashMap<>();
        units.put("B", 1L);
        units.put("KB", 1000L);
        units.put("MB", 1000L * 1000);
        units.put("GB", 1000L * 1000 * 1000);
        units.put("TB", 1000L * 1000 * 1000 * 1000);
        units.put("KiB", 1L << 10);
        units.put("MiB", 1L << 20);
        units.put("GiB", 1L << 30);
        units.put("TiB", 1L << 40);
        return units;
    }
}
