package dev.theater.engine;

import java.util.Optional;

/**
 * One instance of a module. Not thread-safe for calls: the runtime runs one call at a time per instance. {@link
 * #interrupt()}, {@link #clearInterrupt()} and {@link #memory()}{@code .size()} may be called from any thread.
 */
public interface WasmInstance extends AutoCloseable {

    /**
     * Calls an exported function with core values ({@link ValType} encoding).
     *
     * @throws WasmException.Trap the guest trapped (unreachable, out-of-bounds access, stack exhaustion — a JVM
     *     {@link StackOverflowError} is reported as a trap, never rethrown, ...)
     * @throws WasmException.Interrupted the call was stopped by {@link #interrupt()}
     * @throws WasmException.Link no such export, or the arguments do not match its type
     * @throws RuntimeException whatever a {@link HostCallback} threw, unchanged
     */
    long[] call(String export, long... args);

    /** The type of an exported function, if the module exports one by that name. */
    Optional<CoreFunctionType> exportType(String export);

    /** The exported {@code memory}. */
    GuestMemory memory();

    /**
     * Stops the call running on this instance, or the next call to start if none is running, at the guest's next
     * function entry or loop back-edge; that call throws {@link WasmException.Interrupted}. The request stays
     * until {@link #clearInterrupt()}. Returns at once; safe from any thread.
     */
    void interrupt();

    /** Withdraws an {@link #interrupt()} request, so the next call runs normally. */
    void clearInterrupt();

    /** Releases the instance (native resources for native engines). Idempotent. */
    @Override
    void close();
}
