/**
 * The Component Model canonical ABI on core modules: the one place in the runtime that lifts values out of guest
 * memory and lowers Java values into it. Internal to the runtime (the actor code calls {@link
 * dev.theater.abi.ExportFunction} and {@link dev.theater.abi.HostImports}); handler authors never see it, they get and
 * return the Java values that {@link dev.theater.spi.HostFunction} documents. The layout rules follow CanonicalABI.md
 * of the WebAssembly component-model repository; {@code docs/abi.md} describes them for guest authors, with the
 * checks this package makes on everything a guest hands to the host.
 */
package dev.theater.abi;
