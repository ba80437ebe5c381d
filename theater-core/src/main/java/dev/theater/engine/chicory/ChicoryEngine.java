package dev.theater.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmMagic;
import dev.theater.engine.WasmModule;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code chicory} engine: <a href="https://chicory.dev">Chicory</a>, a WebAssembly runtime written in Java.
 *
 * <p>{@link #compile} parses and validates a module once and compiles it to JVM bytecode; every instance of the
 * returned module reuses that bytecode. A function too large for a JVM method runs in Chicory's interpreter
 * instead. Guest code runs on the calling thread; {@link dev.theater.engine.WasmInstance#interrupt()} stops it with
 * {@link Thread#interrupt()}, which the compiled code checks at every call and loop back-edge. Linear memory lives
 * on the Java heap.
 */
public final class ChicoryEngine implements WasmEngine {
    /** The name a manifest selects this engine by. */
    public static final String NAME = "chicory";

    private static final Logger LOG = LoggerFactory.getLogger(ChicoryEngine.class);

    private final boolean compileToBytecode;

    /** The engine that compiles to JVM bytecode; the one {@link java.util.ServiceLoader} creates. */
    public ChicoryEngine() {
        this(true);
    }

    private ChicoryEngine(boolean compileToBytecode) {
        this.compileToBytecode = compileToBytecode;
    }

    /** An engine that runs every function in Chicory's interpreter: slower, for tests of that path. */
    static ChicoryEngine interpreterOnly() {
        return new ChicoryEngine(false);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WasmModule compile(byte[] wasm) {
        requireNonNull(wasm, "wasm is null");
        WasmMagic.require(wasm);
        long started = System.nanoTime();
        com.dylibso.chicory.wasm.WasmModule parsed;
        try {
            parsed = Parser.parse(wasm);
        } catch (RuntimeException e) {
            throw new WasmException.Compile(invalidModuleMessage(wasm, e), e);
        }
        ModuleLayout layout;
        try {
            layout = ModuleLayout.of(parsed);
        } catch (WasmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WasmException.Compile(invalidModuleMessage(wasm, e), e);
        }
        Backend backend = compileToBytecode ? compileToBytecode(parsed) : Backend.INTERPRETER;
        LOG.debug(
                "loaded a {}-byte wasm module with {} functions, execution {}, in {} ms",
                wasm.length,
                parsed.functionSection().functionCount(),
                backend.execution(),
                (System.nanoTime() - started) / 1_000_000);
        return new ChicoryModule(parsed, layout, backend.machineFactory(), backend.execution());
    }

    /** The machine factory every instance of a module shares, and how it runs the module's functions. */
    private record Backend(Function<Instance, Machine> machineFactory, Execution execution) {
        static final Backend INTERPRETER = new Backend(InterpreterMachine::new, Execution.INTERPRETED);
    }

    private static Backend compileToBytecode(com.dylibso.chicory.wasm.WasmModule parsed) {
        try {
            return new Backend(
                    MachineFactoryCompiler.builder(parsed)
                            .withInterpreterFallback(InterpreterFallback.FAIL)
                            .compile(),
                    Execution.COMPILED);
        } catch (RuntimeException | VerifyError first) {
            LOG.debug(
                    "Chicory cannot compile every function of the module to JVM bytecode ({}); the functions it cannot"
                            + " compile run in its interpreter",
                    describe(first),
                    first);
        }
        try {
            return new Backend(
                    MachineFactoryCompiler.builder(parsed)
                            .withInterpreterFallback(InterpreterFallback.SILENT)
                            .compile(),
                    Execution.MIXED);
        } catch (RuntimeException | VerifyError second) {
            LOG.warn(
                    "Chicory cannot compile the module to JVM bytecode ({}); the whole module runs in its"
                            + " interpreter, which is much slower",
                    describe(second),
                    second);
            return Backend.INTERPRETER;
        }
    }

    private static String invalidModuleMessage(byte[] wasm, RuntimeException e) {
        String hint;
        if (wasm.length >= 8 && wasm[4] == 0x0d && wasm[6] == 0x01 && wasm[7] == 0x00) {
            hint = "this is a WebAssembly component; Theater runs core modules, so load the core module the guest"
                    + " was built as (for example cargo build --target wasm32-unknown-unknown), not the component"
                    + " made from it";
        } else {
            hint = "check that the file is a complete core wasm module built for wasm32, and that it was not"
                    + " truncated or altered";
        }
        return "not a valid wasm module (" + wasm.length + " bytes): " + describe(innermost(e)) + "; " + hint;
    }

    /** Chicory's own reason: its parser wraps the precise message in a generic one. */
    private static Throwable innermost(Throwable failure) {
        Throwable reason = failure;
        while (reason.getCause() instanceof ChicoryException inner && inner.getMessage() != null) {
            reason = inner;
        }
        return reason;
    }

    /** A failure's message, or its type when it has none. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
