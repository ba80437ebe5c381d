package dev.theater.handler.filesystem;

/** A guest path or operation the handler refuses; its message is what the guest gets in {@code err}. */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
        super(message, null, false, false);
    }
}
