package dev.theater.engine;

import static java.util.Objects.requireNonNull;

/** A function a module exports, e.g. {@code theater:simple/actor#init}. */
public record FunctionExport(String name, CoreFunctionType type) {
    public FunctionExport {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
