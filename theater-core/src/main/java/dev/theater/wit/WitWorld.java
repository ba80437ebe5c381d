package dev.theater.wit;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A WIT world: the qualified names of the interfaces it imports and exports. */
public record WitWorld(String packageName, String name, List<String> imports, List<String> exports) {
    public WitWorld {
        requireNonNull(packageName, "packageName is null");
        requireNonNull(name, "name is null");
        imports = List.copyOf(requireNonNull(imports, "imports is null"));
        exports = List.copyOf(requireNonNull(exports, "exports is null"));
    }
}
