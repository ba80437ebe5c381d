package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code [[handler]]} table of a manifest: the handler's id and the rest of the table, which belongs to the
 * handler (its configuration and permissions) and is validated by it, not by the manifest parser.
 *
 * <p>Config values are plain Java: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code
 * java.time.OffsetDateTime}, {@code LocalDateTime}, {@code LocalDate}, {@code LocalTime}, {@code List<Object>} for
 * arrays and {@code Map<String, Object>} for tables, in the order of the file. The parser makes them immutable all the
 * way down; this constructor copies only the top level.
 *
 * @param type the handler id, e.g. {@code process}; lowercase letters, digits and {@code -}
 * @param config the table without {@code type}, in file order
 */
public record HandlerEntry(String type, Map<String, Object> config) {
    public HandlerEntry {
        requireNonNull(type, "type is null");
        requireNonNull(config, "config is null");
        if (!Manifest.ID.matcher(type).matches()) {
            throw new IllegalArgumentException(
                    "type must be a handler id of lowercase letters, digits and '-', was '" + type + "'");
        }
        if (config.containsKey("type")) {
            throw new IllegalArgumentException("config must not contain 'type'; it is the handler id");
        }
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
