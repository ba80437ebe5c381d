package dev.theater.spi;

import static java.util.Objects.requireNonNull;

/** A handler's manifest table has a bad key or value. The message names the manifest, the key and the fix. */
public final class HandlerConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public HandlerConfigException(String key, String message) {
        super(requireNonNull(message, "message is null"));
        this.key = requireNonNull(key, "key is null");
    }

    public String key() {
        return key;
    }
}
