package dev.theater.handler.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as manifests write them: a whole number of bytes, or a whole number and a unit ({@code B}, {@code KB},
 * {@code MB}, {@code GB}, {@code TB} in powers of 1000; {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} in powers of
 * 1024), optionally separated by one space. The same form as {@code [limits] memory} (docs/manifest.md).
 */
final class SizeText {
    static final String EXPECTED = "a size in bytes such as 16777216 or \"16MiB\"";

    private static final Pattern FORM = Pattern.compile("([0-9]+) ?([A-Za-z]*)");
    private static final Map<String, Long> UNITS = units();

    private SizeText() {}

    /**
     * The number of bytes {@code text} stands for.
     *
     * @throws IllegalArgumentException naming the expected form when {@code text} is not a size
     */
    static long parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", found \"" + text + "\"");
        }
        Long unit = m.group(2).isEmpty() ? Long.valueOf(1) : UNITS.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", found \"" + text + "\"; unknown unit '"
                    + m.group(2) + "' (units are case-sensitive); known units: " + String.join(", ", UNITS.keySet()));
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "expected " + EXPECTED + ", found \"" + text + "\", which exceeds " + Long.MAX_VALUE + " bytes");
        }
    }

    /** {@code bytes} in the largest binary unit that divides it ({@code 16MiB}), else as a number of bytes. */
    static String format(long bytes) {
        for (String unit : new String[] {"TiB", "GiB", "MiB", "KiB"}) {
            long size = UNITS.get(unit);
            if (bytes != 0 && bytes % size == 0) {
                return bytes / size + unit;
            }
        }
        return Long.toString(bytes);
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
