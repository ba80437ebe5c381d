package dev.theater.spi.supervision;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorId;
import java.util.Optional;

/**
 * How a child's instance ended, as {@link ActorTree#watch} reports it to the parent. Ends the parent caused itself
 * ({@link ActorTree#stop}, {@link ActorTree#terminate}, {@link ActorTree#restart}, or its own stop) are not
 * reported.
 */
public sealed interface ChildEnd {
    ActorId child();

    /** The child's name from its manifest. */
    String name();

    /**
     * The child stopped itself normally ({@code theater:simple/runtime#shutdown}).
     *
     * @param data the data it passed to {@code shutdown}, if any
     */
    record Exited(ActorId child, String name, Optional<byte[]> data) implements ChildEnd {
        public Exited {
            requireNonNull(child, "child is null");
            requireNonNull(name, "name is null");
            data = requireNonNull(data, "data is null").map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> data() {
            return data.map(byte[]::clone);
        }
    }

    /**
     * The child failed: a supervised child fails as soon as one of its operations traps, times out or returns an
     * error, and also when its chain file cannot be written.
     *
     * @param cause what kind of failure
     * @param reason the failure's message
     */
    record Failed(ActorId child, String name, Cause cause, String reason) implements ChildEnd {
        public Failed {
            requireNonNull(child, "child is null");
            requireNonNull(name, "name is null");
            requireNonNull(cause, "cause is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /** Someone other than the parent stopped the child: the embedding application, or the actor's own controller. */
    record StoppedExternally(ActorId child, String name) implements ChildEnd {
        public StoppedExternally {
            requireNonNull(child, "child is null");
            requireNonNull(name, "name is null");
        }
    }

    /** The kinds of {@link Failed}. */
    enum Cause {
        /** An operation trapped, broke the canonical ABI, or a host function it called failed. */
        TRAP,
        /** An operation ran longer than the child's {@code call_timeout}. */
        TIMEOUT,
        /** An export returned {@code err}. */
        GUEST_ERROR,
        /** A fresh instance failed to start ({@code init} failed). */
        START,
        /** Anything else, e.g. the chain file could not be written, or the child gave up supervising. */
        OTHER
    }
}
