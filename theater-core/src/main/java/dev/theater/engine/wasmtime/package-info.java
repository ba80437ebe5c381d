/**
 * The {@code wasmtime} engine: Wasmtime 7 through wasmtime-java 0.19 (JNI), native code compiled by Cranelift. For
 * the runtime, which selects it by name through {@link dev.theater.engine.WasmEngines}; only {@link
 * dev.theater.engine.wasmtime.WasmtimeEngine} is public. Not for handler authors: they see only {@code
 * dev.theater.spi}.
 */
package dev.theater.engine.wasmtime;
