package dev.theater.handler.store;

/**
 * Sizes in messages, in the form manifests write them ({@code 16MiB}); the runtime parses them ({@link
 * dev.theater.spi.HandlerConfig#size}).
 */
final class SizeText {
    private static final String[] UNITS = {"TiB", "GiB", "MiB", "KiB"};

    private SizeText() {}

    /** {@code bytes} in the largest binary unit that divides it ({@code 16MiB}), else as a number of bytes. */
    static String format(long bytes) {
        for (int i = 0; i < UNITS.length; i++) {
            long size = 1L << (10 * (UNITS.length - i));
            if (bytes != 0 && bytes % size == 0) {
                return bytes / size + UNITS[i];
            }
        }
        return Long.toString(bytes);
    }
}
