package dev.theater.engine;

import static java.util.Objects.requireNonNull;

/** A function a module imports: {@code module} is the WIT interface, {@code name} the function. */
public record FunctionImport(String module, String name, CoreFunctionType type) {
    public FunctionImport {
        requireNonNull(module, "module is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
