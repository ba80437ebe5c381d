package dev.theater.handler.process;

/**
 * A host call the handler refuses: a permission not granted, a bad {@code process-config}, an unknown process. The
 * message becomes the {@code err} of the call's result, so it says what was refused, why, and how to fix it.
 */
final class ProcessRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    ProcessRefusal(String message) {
        super(message, null, false, false);
    }
}
