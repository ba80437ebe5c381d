package dev.theater.runtime.internal;

/**
 * A host function threw: carries which one, so the guest operation fails with a message naming it. Passes through
 * the engine unchanged (engines rethrow what host callbacks throw).
 */
final class HostCallFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HostCallFailure(String function, Throwable cause) {
        super(
                "host function " + function + " failed: "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage()),
                cause);
    }
}
