package dev.theater.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmMagic;
import dev.theater.engine.WasmModule;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.WasmtimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code wasmtime} engine: Wasmtime 7 through the JNI binding wasmtime-java 0.19, compiling to native code with
 * Cranelift.
 *
 * <p>Each instance owns a Wasmtime {@code Engine}, so {@link dev.theater.engine.WasmInstance#interrupt()} can bump
 * that engine's epoch without touching other actors. {@link #compile} validates and compiles the module once, which
 * fills Wasmtime's compiled-code cache (see {@link NativeRuntime}); each instantiation then loads the machine code
 * from that cache into its own engine instead of running Cranelift again.
 *
 * <p>Native code runs on the calling thread's stack: Wasmtime lets a guest use up to 512 KiB of it before trapping
 * with "call stack exhausted", so call into guests from threads with at least 1 MiB of stack (the JVM default for
 * platform threads).
 */
public final class WasmtimeEngine implements WasmEngine {
    static final String NAME = "wasmtime";

    private static final Logger LOG = LoggerFactory.getLogger(WasmtimeEngine.class);

    /** Creates the engine; the native library is loaded on the first {@link #compile}. */
    public WasmtimeEngine() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WasmModule compile(byte[] wasm) {
        requireNonNull(wasm, "wasm is null");
        WasmMagic.require(wasm);
        byte[] bytes = wasm.clone();
        NativeRuntime runtime = NativeRuntime.get();
        long start = System.nanoTime();
        Engine engine = runtime.newEngine();
        try {
            Module module = new Module(engine, bytes);
            module.dispose();
        } catch (WasmtimeException e) {
            throw new WasmException.Compile(
                    "the bytes are not a valid wasm module (" + bytes.length + " bytes): " + e.getMessage()
                            + "; pass a binary core module (.wasm), not WAT text or a component",
                    e);
        } finally {
            engine.dispose();
        }
        WasmtimeModule module;
        try {
            module = new WasmtimeModule(runtime, bytes, WasmBinary.shape(bytes));
        } catch (IllegalArgumentException e) {
            throw new WasmException.Compile(
                    "Wasmtime accepted the module but its binary could not be read: " + e.getMessage()
                            + "; this is a bug in the wasmtime engine, please report it with the module",
                    e);
        }
        LOG.debug("compiled a {}-byte module in {} µs", bytes.length, (System.nanoTime() - start) / 1000);
        return module;
    }

    @Override
    public String toString() {
        return "WasmtimeEngine[wasmtime-java 0.19.0, Wasmtime 7]";
    }
}
