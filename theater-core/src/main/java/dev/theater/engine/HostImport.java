package dev.theater.engine;

import static java.util.Objects.requireNonNull;

/** A host function offered to a module at instantiation. */
public record HostImport(String module, String name, CoreFunctionType type, HostCallback callback) {
    public HostImport {
        requireNonNull(module, "module is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(callback, "callback is null");
    }
}
