package dev.theater.engine.chicory;

import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.FunctionExport;
import dev.theater.engine.FunctionImport;
import dev.theater.engine.WasmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a module imports and exports, in the SPI's terms, worked out once when it is compiled.
 *
 * @param functionImports the function imports, in the module's order
 * @param importTypes the Chicory types of {@code functionImports}, same order
 * @param otherImports the memories, tables, globals and tags the module imports, e.g. {@code memory env#memory}
 * @param functionExports the exported functions whose types the SPI can carry
 * @param exports those functions by name
 * @param uncallableExports exported functions whose types the SPI cannot carry (v128, references), with the type
 * @param memory the limits the module declares for its memory, if it defines one
 */
record ModuleLayout(
        List<FunctionImport> functionImports,
        List<FunctionType> importTypes,
        List<String> otherImports,
        List<FunctionExport> functionExports,
        Map<String, ExportedFunction> exports,
        Map<String, String> uncallableExports,
        Optional<MemoryLimits> memory) {

    /** An exported function: its index in the module's function space and its type. */
    record ExportedFunction(String name, int index, CoreFunctionType type, int[] narrowResults) {}

    static ModuleLayout of(com.dylibso.chicory.wasm.WasmModule module) {
        List<FunctionImport> functionImports = new ArrayList<>();
        List<FunctionType> importTypes = new ArrayList<>();
        List<FunctionType> functionSpace = new ArrayList<>();
        List<String> otherImports = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imported = module.importSection().getImport(i);
            if (imported instanceof com.dylibso.chicory.wasm.types.FunctionImport function) {
                FunctionType type = module.typeSection().getType(function.typeIndex());
                CoreFunctionType core = ChicoryTypes.toCore(type)
                        .orElseThrow(() -> new WasmException.Compile(
                                "the module imports function " + imported.module() + "#" + imported.name()
                                        + " with type " + type + ", which no host function can implement: host"
                                        + " functions take and return only i32, i64, f32 and f64; change the"
                                        + " import's signature in the guest",
                                null));
                functionImports.add(new FunctionImport(imported.module(), imported.name(), core));
                importTypes.add(type);
                functionSpace.add(type);
            } else {
                otherImports.add(kind(imported.importType()) + " " + imported.module() + "#" + imported.name());
            }
        }
        for (int i = 0; i < module.functionSection().functionCount(); i++) {
            functionSpace.add(
                    module.typeSection().getType(module.functionSection().getFunctionType(i)));
        }

        List<FunctionExport> functionExports = new ArrayList<>();
        Map<String, ExportedFunction> exports = new LinkedHashMap<>();
        Map<String, String> uncallableExports = new LinkedHashMap<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export export = module.exportSection().getExport(i);
            if (export.exportType() != ExternalType.FUNCTION) {
                continue;
            }
            FunctionType type = functionSpace.get(export.index());
            Optional<CoreFunctionType> core = ChicoryTypes.toCore(type);
            if (core.isPresent()) {
                functionExports.add(new FunctionExport(export.name(), core.get()));
                exports.put(
                        export.name(),
                        new ExportedFunction(
                                export.name(),
                                export.index(),
                                core.get(),
                                ChicoryTypes.narrowPositions(core.get().results())));
            } else {
                uncallableExports.put(export.name(), type.toString());
            }
        }

        Optional<MemoryLimits> memory = module.memorySection()
                .filter(section -> section.memoryCount() > 0)
                .map(section -> section.getMemory(0).limits());
        return new ModuleLayout(
                List.copyOf(functionImports),
                List.copyOf(importTypes),
                List.copyOf(otherImports),
                List.copyOf(functionExports),
                Map.copyOf(exports),
                Map.copyOf(uncallableExports),
                memory);
    }

    private static String kind(ExternalType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
