/**
 * Messaging with actors, for applications that embed the runtime: the {@link dev.theater.messaging.ChannelHandle} of a
 * channel that Java code opened to an actor, and the {@link dev.theater.messaging.MessagingException}s that the
 * futures of {@code TheaterRuntime.send}, {@code request} and {@code openChannel} fail with. The semantics are in
 * {@code docs/messaging.md}.
 */
package dev.theater.messaging;
