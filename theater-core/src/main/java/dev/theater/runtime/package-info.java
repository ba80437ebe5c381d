/**
 * The actor runtime, for applications that embed Theater and for the CLI: {@link
 * dev.theater.runtime.TheaterRuntime} spawns actors from manifests and returns {@link dev.theater.runtime.ActorRef}s
 * with the split handles of {@code dev.theater.spi}. Life cycle, threads and refusals are described in {@code
 * docs/runtime.md}.
 */
package dev.theater.runtime;
