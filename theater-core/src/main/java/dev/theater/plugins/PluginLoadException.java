package dev.theater.plugins;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A plugin JAR cannot be loaded: no or a bad descriptor, a newer host required, an id already taken, no handler in it,
 * or a handler that cannot be created. The message names the JAR, the rule and the fix. The runtime never skips such
 * a JAR silently: it fails to build.
 */
public final class PluginLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path jar;

    public PluginLoadException(Path jar, String message) {
        super(requireNonNull(message, "message is null"));
        this.jar = requireNonNull(jar, "jar is null");
    }

    public PluginLoadException(Path jar, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.jar = requireNonNull(jar, "jar is null");
    }

    /** The plugin JAR (or, when the directory itself is the problem, the directory). */
    public Path jar() {
        return jar;
    }
}
