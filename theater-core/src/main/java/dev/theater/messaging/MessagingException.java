package dev.theater.messaging;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorId;
import java.util.Optional;

/**
 * Why a request or a channel failed for a reason of the messaging protocol itself. Failures of the receiving actor
 * are {@code dev.theater.spi.ActorException}s instead ({@code MailboxFull}, {@code ChannelClosed}, {@code GuestError},
 * {@code Trap}, ...). Guests see the same messages as the {@code err} of their host call.
 */
public abstract sealed class MessagingException extends RuntimeException
        permits MessagingException.RequestCancelled,
                MessagingException.RequestTimedOut,
                MessagingException.ChannelRejected,
                MessagingException.ChannelNotOpen {
    private static final long serialVersionUID = 1L;

    private final transient ActorId actor;

    protected MessagingException(ActorId actor, String message) {
        super(message);
        this.actor = requireNonNull(actor, "actor is null");
    }

    /** The actor the request or channel was addressed to. */
    public ActorId actor() {
        return actor;
    }

    /** The actor dropped the request with {@code cancel-request}. */
    public static final class RequestCancelled extends MessagingException {
        private static final long serialVersionUID = 1L;

        public RequestCancelled(ActorId actor, String message) {
            super(actor, message);
        }
    }

    /** No answer came within the requester's timeout; the actor can no longer answer it. */
    public static final class RequestTimedOut extends MessagingException {
        private static final long serialVersionUID = 1L;

        public RequestTimedOut(ActorId actor, String message) {
            super(actor, message);
        }
    }

    /** The actor's {@code handle-channel-open} did not accept the channel; {@link #reply()} is what it answered. */
    public static final class ChannelRejected extends MessagingException {
        private static final long serialVersionUID = 1L;

        private final byte[] reply;

        public ChannelRejected(ActorId actor, String message, Optional<byte[]> reply) {
            super(actor, message);
            this.reply =
                    requireNonNull(reply, "reply is null").map(byte[]::clone).orElse(null);
        }

        /** The message of the actor's {@code channel-accept}, if it gave one. */
        public Optional<byte[]> reply() {
            return Optional.ofNullable(reply).map(byte[]::clone);
        }
    }

    /** A send or close on a channel that is closed (by either side, or because the actor stopped). */
    public static final class ChannelNotOpen extends MessagingException {
        private static final long serialVersionUID = 1L;

        public ChannelNotOpen(ActorId actor, String message) {
            super(actor, message);
        }
    }
}
