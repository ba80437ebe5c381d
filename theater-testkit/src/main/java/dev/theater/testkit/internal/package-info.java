/**
 * How the testkit builds its guests (a small WebAssembly binary writer and the generated driver module), lowers test
 * arguments, and reads chain JSON. Internal to {@link dev.theater.testkit}.
 */
package dev.theater.testkit.internal;
