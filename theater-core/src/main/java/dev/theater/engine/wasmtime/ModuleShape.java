package dev.theater.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.CoreFunctionType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the engine needs to know about a module before instantiating it, read from its binary by {@link WasmBinary}:
 * imports and exports in declaration order, and the limits of the memory and the tables it defines. wasmtime-java
 * 0.19 cannot list exports or their types, so this is read from the bytes rather than asked of Wasmtime.
 */
record ModuleShape(
        List<Import> imports,
        Map<String, Export> exports,
        Optional<MemoryLimits> definedMemory,
        List<TableLimits> definedTables) {
    ModuleShape {
        imports = List.copyOf(requireNonNull(imports, "imports is null"));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(exports, "exports is null")));
        requireNonNull(definedMemory, "definedMemory is null");
        definedTables = List.copyOf(requireNonNull(definedTables, "definedTables is null"));
    }

    /** The kind of an import or export. */
    enum Kind {
        FUNCTION("function"),
        TABLE("table"),
        MEMORY("memory"),
        GLOBAL("global");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * One import. {@code functionType} is present for a function whose parameters and results are all numbers (the
     * only functions the engine SPI can express); {@code typeText} describes the type in any case.
     */
    record Import(String module, String name, Kind kind, Optional<CoreFunctionType> functionType, String typeText) {
        Import {
            requireNonNull(module, "module is null");
            requireNonNull(name, "name is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(functionType, "functionType is null");
            requireNonNull(typeText, "typeText is null");
        }
    }

    /** One export; {@code functionType} as for {@link Import}. */
    record Export(String name, Kind kind, Optional<CoreFunctionType> functionType, String typeText) {
        Export {
            requireNonNull(name, "name is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(functionType, "functionType is null");
            requireNonNull(typeText, "typeText is null");
        }
    }

    /** Limits of a linear memory in 64 KiB pages. */
    record MemoryLimits(long minPages, OptionalLong maxPages) {
        MemoryLimits {
            requireNonNull(maxPages, "maxPages is null");
        }
    }

    /** Limits of a table in elements. */
    record TableLimits(long minElements, OptionalLong maxElements) {
        TableLimits {
            requireNonNull(maxElements, "maxElements is null");
        }
    }
}
