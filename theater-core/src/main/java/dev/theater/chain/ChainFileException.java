package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A chain file cannot be used: its header or a record is damaged or was modified, or (when opening it for append)
 * it ends with a torn tail or fails verification. {@link #broken()} says where and why.
 */
public final class ChainFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient VerifyResult.Broken broken;

    public ChainFileException(Path file, VerifyResult.Broken broken, String advice) {
        super("chain file " + requireNonNull(file, "file is null") + ": "
                + requireNonNull(broken, "broken is null").message()
                + (requireNonNull(advice, "advice is null").isEmpty() ? "" : "; " + advice));
        this.file = file;
        this.broken = broken;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Where the file breaks and why. */
    public VerifyResult.Broken broken() {
        return broken;
    }
}
