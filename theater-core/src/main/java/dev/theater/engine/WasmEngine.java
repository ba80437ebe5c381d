package dev.theater.engine;

/**
 * A WebAssembly engine, discovered with {@link java.util.ServiceLoader}. Implementations are thread-safe; a compiled
 * {@link WasmModule} may be instantiated many times, from any thread.
 */
public interface WasmEngine {
    /** The name a manifest selects the engine by: {@code chicory}, {@code wasmtime}. */
    String name();

    /**
     * Validates and compiles a binary module.
     *
     * @throws WasmException.Compile when the bytes are not a valid module; the message says why
     */
    WasmModule compile(byte[] wasm);
}
