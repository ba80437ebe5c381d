/**
 * The {@code supervisor} handler, for actors that spawn and supervise children: it provides {@code
 * theater:simple/supervisor} to guests, calls their {@code theater:simple/supervisor-handlers}, and restarts children
 * by the declarative policy of the parent's manifest ({@code [supervision]}): strategy, restart type, intensity and
 * backoff. Embedders and tests drive its timing through a {@link dev.theater.handler.supervisor.Scheduler}, for
 * example a {@link dev.theater.handler.supervisor.VirtualScheduler}. Built on {@code dev.theater.spi} only; see {@code
 * docs/supervision.md}.
 */
package dev.theater.handler.supervisor;
