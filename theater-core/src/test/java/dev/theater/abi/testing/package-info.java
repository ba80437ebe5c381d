/**
 * Test doubles for code that talks to a wasm instance: a {@code byte[]}-backed {@link
 * dev.theater.abi.testing.FakeMemory} and a {@link dev.theater.abi.testing.FakeInstance} whose exports are Java
 * lambdas and whose {@code cabi_realloc} is a bump allocator. For tests of the ABI and of anything built on it.
 */
package dev.theater.abi.testing;
