package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmModule;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Compiled modules by engine and SHA-256 of their bytes: a module is compiled once per engine, however many actors
 * run it. Concurrent spawns of one module wait for the one compilation; a failed compilation is not cached.
 */
public final class ModuleCache {
    private record Key(String engine, String sha256) {}

    private final ConcurrentMap<Key, CompletableFuture<WasmModule>> modules = new ConcurrentHashMap<>();

    /** The compiled module of {@code wasm} on {@code engine}, compiling it on the first request. */
    public WasmModule get(WasmEngine engine, byte[] wasm) {
        requireNonNull(engine, "engine is null");
        requireNonNull(wasm, "wasm is null");
        Key key = new Key(engine.name(), Sha256.hex(wasm));
        CompletableFuture<WasmModule> mine = new CompletableFuture<>();
        CompletableFuture<WasmModule> existing = modules.putIfAbsent(key, mine);
        if (existing != null) {
            try {
                return existing.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            WasmModule module = engine.compile(wasm);
            mine.complete(module);
            return module;
        } catch (RuntimeException e) {
            modules.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** How many modules are cached. */
    public int size() {
        return modules.size();
    }
}
