package dev.theater.spi;

/**
 * Why an actor operation or control request was refused or failed. Futures returned by {@link ActorExecutor} and
 * {@link ActorController} complete exceptionally with one of these; the methods of {@link ActorController} that
 * answer at once throw them.
 */
public abstract sealed class ActorException extends RuntimeException
        permits ActorException.NotPaused,
                ActorException.AlreadyPaused,
                ActorException.ChannelClosed,
                ActorException.Interrupted,
                ActorException.Timeout,
                ActorException.MailboxFull,
                ActorException.GuestError,
                ActorException.Trap {
    private static final long serialVersionUID = 1L;

    private final transient ActorId actor;

    protected ActorException(ActorId actor, String message, Throwable cause) {
        super(message, cause);
        this.actor = actor;
    }

    /** The actor concerned, or {@code null} when none could be named. */
    public ActorId actor() {
        return actor;
    }

    /** {@code resume()} on an actor that is not paused. */
    public static final class NotPaused extends ActorException {
        private static final long serialVersionUID = 1L;

        public NotPaused(ActorId actor, String message) {
            super(actor, message, null);
        }
    }

    /** {@code pause()} on an actor that is already paused. */
    public static final class AlreadyPaused extends ActorException {
        private static final long serialVersionUID = 1L;

        public AlreadyPaused(ActorId actor, String message) {
            super(actor, message, null);
        }
    }

    /** The actor is stopped, failed or shutting down and takes no new work. */
    public static final class ChannelClosed extends ActorException {
        private static final long serialVersionUID = 1L;

        public ChannelClosed(ActorId actor, String message) {
            super(actor, message, null);
        }
    }

    /** The operation was stopped by {@code forceStop()} (or a forced shutdown). */
    public static final class Interrupted extends ActorException {
        private static final long serialVersionUID = 1L;

        public Interrupted(ActorId actor, String message, Throwable cause) {
            super(actor, message, cause);
        }
    }

    /** The operation ran longer than the actor's {@code [limits] call_timeout} and was interrupted. */
    public static final class Timeout extends ActorException {
        private static final long serialVersionUID = 1L;

        public Timeout(ActorId actor, String message, Throwable cause) {
            super(actor, message, cause);
        }
    }

    /** The mailbox stayed full for longer than the sender may wait. */
    public static final class MailboxFull extends ActorException {
        private static final long serialVersionUID = 1L;

        public MailboxFull(ActorId actor, String message) {
            super(actor, message, null);
        }
    }

    /** The guest returned {@code err(message)} from an export. */
    public static final class GuestError extends ActorException {
        private static final long serialVersionUID = 1L;

        public GuestError(ActorId actor, String message) {
            super(actor, message, null);
        }
    }

    /**
     * The guest trapped, broke the canonical ABI, or a host function it called failed. The actor stays usable
     * unless the runtime decides otherwise (supervision).
     */
    public static final class Trap extends ActorException {
        private static final long serialVersionUID = 1L;

        public Trap(ActorId actor, String message, Throwable cause) {
            super(actor, message, cause);
        }
    }
}
