package dev.theater.wit;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A WIT interface of a package: its named types (after {@code use} and aliases are resolved) and functions, both in
 * declaration order.
 */
public record WitInterface(
        String packageName, String name, Map<String, WitType> types, Map<String, WitFunction> functions) {
    public WitInterface {
        requireNonNull(packageName, "packageName is null");
        requireNonNull(name, "name is null");
        types = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(types, "types is null")));
        functions = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(functions, "functions is null")));
    }

    /** {@code theater:simple/runtime}: the name a guest imports this interface under. */
    public String qualifiedName() {
        return packageName + "/" + name;
    }

    public Optional<WitFunction> function(String functionName) {
        return Optional.ofNullable(functions.get(functionName));
    }

    public Optional<WitType> type(String typeName) {
        return Optional.ofNullable(types.get(typeName));
    }
}
