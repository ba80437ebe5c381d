package dev.theater.engine;

import java.util.List;

/** A compiled module: immutable, cacheable, instantiable many times. */
public interface WasmModule {
    /** The engine that compiled it. */
    String engine();

    List<FunctionImport> functionImports();

    List<FunctionExport> functionExports();

    /**
     * Creates an instance. Every function import must be satisfied by {@code imports} with the same core type, and
     * the module must not import memories, tables or globals.
     *
     * @throws WasmException.Link naming the first unsatisfied or mistyped import
     * @throws WasmException.Trap when the start function traps
     */
    WasmInstance instantiate(List<HostImport> imports, InstanceLimits limits);
}
