package dev.theater.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A core wasm function type. */
public record CoreFunctionType(List<ValType> params, List<ValType> results) {
    public CoreFunctionType {
        params = List.copyOf(requireNonNull(params, "params is null"));
        results = List.copyOf(requireNonNull(results, "results is null"));
    }

    public static CoreFunctionType of(List<ValType> params, List<ValType> results) {
        return new CoreFunctionType(params, results);
    }

    @Override
    public String toString() {
        return "(func (param " + params + ") (result " + results + "))";
    }
}
