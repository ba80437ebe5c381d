package dev.theater.runtime.internal;

/**
 * A guest's messaging host call was refused or failed; the message says why and what to do. The {@code
 * message-server} handler returns it to the guest as the {@code err} of the call.
 */
public final class MessageRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MessageRefused(String message) {
        super(message);
    }

    MessageRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
