package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorId;

/**
 * A channel between an opener (an actor, or Java code) and the actor it was opened to. It is {@code OPENING} until
 * the target's {@code handle-channel-open} accepts it, then {@code OPEN} until either side closes it or an actor
 * side stops; {@code CLOSED} is final.
 */
final class Channel {
    enum State {
        OPENING,
        OPEN,
        CLOSED
    }

    /** One end of a channel. */
    sealed interface Side permits ActorSide, ExternalSide {}

    /** An actor's end: messages reach it through its {@code message-server-client} exports. */
    record ActorSide(ActorId id, String name) implements Side {
        ActorSide {
            requireNonNull(id, "id is null");
            requireNonNull(name, "name is null");
        }
    }

    /** Java code's end: messages reach its {@code onMessage} consumer. */
    record ExternalSide(ExternalChannel handle) implements Side {
        ExternalSide {
            requireNonNull(handle, "handle is null");
        }
    }

    final String id;
    final Side opener;
    final ActorSide target;

    private State state = State.OPENING;

    Channel(String id, Side opener, ActorSide target) {
        this.id = requireNonNull(id, "id is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.target = requireNonNull(target, "target is null");
    }

    synchronized State state() {
        return state;
    }

    /** OPENING → OPEN; false when the channel was closed meanwhile. */
    synchronized boolean markOpen() {
        if (state != State.OPENING) {
            return false;
        }
        state = State.OPEN;
        return true;
    }

    /** Closes the channel; returns the state it was in (CLOSED when it already was). */
    synchronized State markClosed() {
        State previous = state;
        state = State.CLOSED;
        return previous;
    }

    /** Whether {@code actor} is one of the two ends. */
    boolean involves(ActorId actor) {
        return target.id().equals(actor) || opener instanceof ActorSide a && a.id().equals(actor);
    }

    /** The end that is not {@code actor}; {@code actor} must be one of them. */
    Side other(ActorId actor) {
        return target.id().equals(actor) ? opener : target;
    }

    @Override
    public String toString() {
        return "Channel[" + id + "]";
    }
}
