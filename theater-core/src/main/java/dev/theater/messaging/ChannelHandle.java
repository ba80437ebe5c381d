package dev.theater.messaging;

import dev.theater.spi.ActorId;
import java.util.concurrent.CompletableFuture;

/**
 * Java code's end of a channel it opened to an actor with {@code TheaterRuntime.openChannel}. Messages from the actor
 * arrive at the {@code onMessage} consumer given when the channel was opened, one at a time and in the order the
 * actor sent them; {@link #closed()} completes after the last of them, when either side closes the channel or the
 * actor stops.
 *
 * <p>Thread-safe. Futures complete on the runtime's threads: do not block in their callbacks.
 */
public interface ChannelHandle {
    /** The channel id, as the actor sees it in {@code handle-channel-message} and {@code handle-channel-close}. */
    String id();

    /** The actor at the other end. */
    ActorId actor();

    /** Whether the channel is still open: neither side has closed it and the actor has not stopped. */
    boolean isOpen();

    /**
     * Sends {@code message} to the actor. Completes when its {@code handle-channel-message} has returned; fails with
     * {@link MessagingException.ChannelNotOpen} when the channel is closed, {@code ActorException.MailboxFull} when
     * the actor's mailbox stayed full, or the {@code ActorException} of the failed call. Messages sent one after
     * another arrive in that order.
     */
    CompletableFuture<Void> send(byte[] message);

    /**
     * Closes the channel. Completes when the actor's {@code handle-channel-close} has returned; at once when the
     * channel is already closed. Messages sent before are delivered before the close.
     */
    CompletableFuture<Void> close();

    /** Completes when the channel is closed, by either side or because the actor stopped; never fails. */
    CompletableFuture<Void> closed();
}
