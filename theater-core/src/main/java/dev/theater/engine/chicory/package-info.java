/**
 * The Chicory engine: a pure-Java implementation of the internal engine SPI ({@link dev.theater.engine}) that
 * compiles wasm to JVM bytecode when a module is loaded. For the runtime, which finds it with {@link
 * java.util.ServiceLoader} under the name {@code chicory}; nothing outside the engine layer uses these classes.
 */
package dev.theater.engine.chicory;
