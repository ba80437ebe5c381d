/**
 * The per-actor hash chain: the audit record of everything that crosses an actor's sandbox boundary.
 *
 * <p>For the runtime, which appends events to a {@link dev.theater.chain.Chain} and persists them with one {@link
 * dev.theater.chain.ChainWriter} per actor; for the CLI and other tools, which read chain files with {@link
 * dev.theater.chain.ChainReader}, check them with {@link dev.theater.chain.ChainVerifier} and stream events with
 * {@link dev.theater.chain.Chain#subscribe(java.util.function.Consumer)}. Handlers never touch this package: the
 * core records their host calls. The event model, the canonical encoding and the file format are specified in
 * {@code docs/chain.md}.
 */
package dev.theater.chain;
