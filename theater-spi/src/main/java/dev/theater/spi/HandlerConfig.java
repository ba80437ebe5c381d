package dev.theater.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A handler's configuration: the keys of its {@code [[handler]]} table in the actor's manifest (other than {@code
 * type}). Typed getters fail with {@link HandlerConfigException} naming the manifest, the key and the expected form.
 * Runtime services are not configuration: they come in {@link HandlerContext}.
 */
public interface HandlerConfig {
    /** The name of the actor the handler will serve. */
    String actorName();

    /** The handler type, as in {@code [[handler]] type = "..."}. */
    String handlerType();

    /** The manifest file, for messages and resolving relative paths. */
    Path manifest();

    /** Every key with its TOML value as a plain Java value (String, Long, Double, Boolean, List, Map). */
    Map<String, Object> values();

    Optional<String> string(String key);

    Optional<Long> integer(String key);

    Optional<Boolean> bool(String key);

    /** A list of strings; any other element type is an error naming the key. */
    Optional<List<String>> strings(String key);

    /** Fails naming every key not in {@code known}, with the closest known key as a hint. */
    void requireOnly(String... known);

    /**
     * A size in bytes: a TOML integer (bytes) or a string with a unit, as {@code [limits] memory} takes it ({@code
     * "64KiB"}, {@code "16 MiB"}, {@code "1GB"}); see docs/manifest.md. A bad value fails naming the key and the form.
     */
    Optional<Long> size(String key);

    /**
     * A duration: a string with a unit, as {@code [limits] call_timeout} takes it ({@code "500ms"}, {@code "30s"},
     * {@code "1m"}, {@code "1h"}), or a TOML integer of milliseconds; see docs/manifest.md. A bad value fails naming the
     * key and the form.
     */
    Optional<Duration> duration(String key);
}
