package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;

/**
 * A listener failed while {@link Chain#append} delivered an event. The event was appended and every other listener
 * received it; {@link #getCause()} is the first listener's failure (later ones are suppressed). When the failing
 * listener is the chain's {@link ChainWriter}, the event is in memory but not in the file: treat the actor as failed.
 */
public final class ChainListenerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ChainEvent event;

    public ChainListenerException(ChainEvent event, RuntimeException cause) {
        super(
                "event seq " + requireNonNull(event, "event is null").seq() + " (" + event.eventType()
                        + ") was appended to the chain, but a chain listener failed on it: "
                        + requireNonNull(cause, "cause is null").getMessage(),
                cause);
        this.event = event;
    }

    /** The event that was appended. */
    public ChainEvent event() {
        return event;
    }
}
