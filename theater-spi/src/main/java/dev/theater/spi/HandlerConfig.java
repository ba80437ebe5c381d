package dev.theater.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A handler's configuration: the keys of its {@code [[handler]]} table in the actor's manifest (other than {@code
 * type}). Typed getters fail with {@link HandlerConfigException} naming the manifest, the key and the expected form.
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
     * The runtime's home directory (absolute), where handlers keep durable data under a directory of their own, e.g.
     * {@code <home>/store}. The runtime always implements this; the default exists so that configurations written
     * before it (test fakes) still compile, and fails naming the class that should implement it.
     *
     * @throws UnsupportedOperationException when this configuration does not know the runtime home
     */
    default Path runtimeHome() {
        throw new UnsupportedOperationException(getClass().getName() + " does not tell handlers the runtime home;"
                + " implement HandlerConfig.runtimeHome() to return the runtime's home directory");
    }

    /**
     * The supervision tree as the handler's actor sees it: spawn, stop and restart its children, hear how they end.
     * Usable once the actor has started. The runtime always implements this; the default exists so that
     * configurations written before it (test fakes) still compile, and fails naming the class that should implement
     * it.
     *
     * @throws UnsupportedOperationException when this configuration does not offer the actor tree
     */
    default ActorTree actorTree() {
        throw new UnsupportedOperationException(getClass().getName() + " does not offer the actor tree;"
                + " implement HandlerConfig.actorTree() to let handlers supervise children");
    }
}
