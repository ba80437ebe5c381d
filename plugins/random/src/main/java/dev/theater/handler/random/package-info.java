/**
 * The {@code random} handler plugin: {@code theater:simple/random} ({@code random-bytes}, {@code random-range},
 * {@code random-float}, {@code generate-uuid}), from {@link java.security.SecureRandom} or, with a {@code seed},
 * from a reproducible generator whose seed is recorded in the actor's chain. Shipped as a drop-in JAR. Nothing here is
 * API.
 */
package dev.theater.handler.random;
