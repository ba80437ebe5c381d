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
     * <p>Nobody holds the instance while its start function runs, so {@link WasmInstance#interrupt()} cannot reach
     * it; the calling thread's interrupt stops it instead, which is how a caller bounds a start function that never
     * returns.
     *
     * @throws WasmException.Link naming the first unsatisfied or mistyped import
     * @throws WasmException.Trap when the start function traps
     * @throws WasmException.Interrupted when the calling thread was interrupted while the start function ran
     */
    WasmInstance instantiate(List<HostImport> imports, InstanceLimits limits);
}
