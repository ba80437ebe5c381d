/**
 * The handler SPI: what third-party handler authors implement and use. Interfaces and records only; no wasm engine,
 * Guice or pf4j type appears here, so the package can move to its own artifact unchanged.
 */
package dev.theater.spi;
