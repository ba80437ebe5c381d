/**
 * How the runtime runs actors: mailbox, serial execution on a shared pool, the state machine, interruption, metrics,
 * chain recording and linking. For the runtime's own use; not an API: everything here may change.
 */
package dev.theater.runtime.internal;
