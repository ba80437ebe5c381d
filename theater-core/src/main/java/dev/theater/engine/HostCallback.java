package dev.theater.engine;

/**
 * A host function at core level. Arguments and results use the {@link ValType} encoding. A {@link RuntimeException}
 * thrown here ends the guest call: the engine rethrows that same exception from {@link WasmInstance#call}.
 */
@FunctionalInterface
public interface HostCallback {
    long[] call(WasmInstance caller, long[] args);
}
