/**
 * The handler SPI: what third-party handler authors implement and use, shipped as its own artifact ({@code
 * dev.theater:theater-spi}) that handler modules and plugins take as {@code provided}. Interfaces and records only; no
 * wasm engine, Guice, pf4j or runtime type appears here, and the artifact depends on the JDK alone.
 */
package dev.theater.spi;
