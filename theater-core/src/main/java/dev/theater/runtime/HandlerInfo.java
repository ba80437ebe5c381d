package dev.theater.runtime;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A handler registered with a runtime, as listed by {@link TheaterRuntime#handlers()}.
 *
 * @param id the type a manifest grants it by ({@code [[handler]] type = "<id>"})
 * @param version the version the factory reports
 * @param origin where its class was loaded from (a JAR or class directory URL)
 * @param provides the interfaces it provides to guests
 */
public record HandlerInfo(String id, String version, String origin, Set<String> provides) {
    public HandlerInfo {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(origin, "origin is null");
        provides = Set.copyOf(requireNonNull(provides, "provides is null"));
    }
}
