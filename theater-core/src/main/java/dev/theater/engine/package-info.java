/**
 * The internal wasm engine SPI of the runtime: compile, instantiate with host imports, call, guest memory,
 * interrupt and memory limits. Implementations (Chicory, wasmtime) live in sub-packages and are found with {@link
 * java.util.ServiceLoader}. Not for handler authors: they see only {@code dev.theater.spi}.
 */
package dev.theater.engine;
