/**
 * The JMH benchmarks of DESIGN §10 and the runner that checks their targets. For Theater's developers, to measure
 * the runtime and choose defaults by numbers; not an API. Run them with {@code scripts/bench [--quick]} (see the
 * module's README).
 */
package dev.theater.benchmarks;
