package dev.theater.spi.supervision;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Why an {@link ActorTree} operation was refused or failed. The message names the actors concerned, the rule and the
 * fix, so a handler can hand it to a guest as it is.
 */
public abstract sealed class SupervisionException extends RuntimeException
        permits SupervisionException.SpawnFailed,
                SupervisionException.PermissionDenied,
                SupervisionException.NotAChild {
    private static final long serialVersionUID = 1L;

    protected SupervisionException(String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
    }

    /**
     * A child could not be started: its manifest could not be read, its module not loaded, its {@code init} failed,
     * or its parent is stopping.
     */
    public static final class SpawnFailed extends SupervisionException {
        private static final long serialVersionUID = 1L;

        public SpawnFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A child's manifest asks for a handler or a permission its parent does not have: a child's permissions are
     * never wider than its parent's.
     */
    public static final class PermissionDenied extends SupervisionException {
        private static final long serialVersionUID = 1L;

        private final List<String> refused;

        public PermissionDenied(String message, List<String> refused) {
            super(message, null);
            this.refused = List.copyOf(requireNonNull(refused, "refused is null"));
        }

        /** What was refused, one entry per handler or permission, e.g. {@code handler 'process'}. */
        public List<String> refused() {
            return refused;
        }
    }

    /** The actor named is not a child of the actor that asked: only a parent may stop or restart its children. */
    public static final class NotAChild extends SupervisionException {
        private static final long serialVersionUID = 1L;

        public NotAChild(String message) {
            super(message, null);
        }
    }
}
