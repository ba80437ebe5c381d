package dev.theater.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A {@code [[handler]]} table the handler must refuse, and the key its error must name.
 *
 * @param config the table (without {@code type})
 * @param key the key the {@link dev.theater.spi.HandlerConfigException} must name
 */
public record BadConfig(Map<String, Object> config, String key) {
    public BadConfig {
        config = Map.copyOf(requireNonNull(config, "config is null"));
        requireNonNull(key, "key is null");
    }

    /** A key the handler does not know: every handler refuses it ({@code config.requireOnly(...)}). */
    public static BadConfig unknownKey() {
        return new BadConfig(Map.of("no-such-key", true), "no-such-key");
    }
}
