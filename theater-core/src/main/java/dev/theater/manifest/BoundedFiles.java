package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the files a manifest or a command names, within a bound: only regular files (a pipe would block for ever,
 * {@code /dev/zero} never ends), and at most a given number of bytes, checked before the file is read and again
 * while it is read (it may grow in between). Everything Theater reads on a user's word goes through here.
 */
public final class BoundedFiles {
    /** The largest manifest file. */
    public static final long MAX_MANIFEST_BYTES = 1L << 20;

    /** The largest wasm module a {@code component} may name. */
    public static final long MAX_COMPONENT_BYTES = 256L << 20;

    /** The largest {@code init_state} file. */
    public static final long MAX_INIT_STATE_BYTES = 64L << 20;

    private BoundedFiles() {}

    /**
     * Checks that {@code file} is a regular file of at most {@code limit} bytes, without reading it.
     *
     * @param what how messages name the file's role, e.g. {@code component}
     * @throws InputLimitException when it is not a regular file or is larger than {@code limit}
     * @throws IOException when its attributes cannot be read
     */
    public static void check(Path file, long limit, String what) throws IOException {
        requireNonNull(file, "file is null");
        requireNonNull(what, "what is null");
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new InputLimitException(what + " " + file + " is " + kind(attributes)
                    + ", not a regular file; only regular files are read (a pipe or a device may never end)");
        }
        if (attributes.size() > limit) {
            throw tooLarge(file, "is " + attributes.size() + " bytes", limit, what);
        }
    }

    /**
     * Reads {@code file}, which must be a regular file of at most {@code limit} bytes.
     *
     * @throws InputLimitException when it is not a regular file or holds more than {@code limit} bytes
     * @throws IOException when it cannot be read
     */
    public static byte[] read(Path file, long limit, String what) throws IOException {
        check(file, limit, what);
        int cap = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(cap);
            if (in.read() != -1) {
                throw tooLarge(file, "grew past " + cap + " bytes while it was read", limit, what);
            }
            return bytes;
        }
    }

    /** {@code 1 MiB}, {@code 256 MiB}: a limit as people write it. */
    public static String describe(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    private static InputLimitException tooLarge(Path file, String size, long limit, String what) {
        return new InputLimitException(what + " " + file + " " + size + ", over the limit of " + describe(limit)
                + " for a " + what + "; name a smaller file");
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        if (attributes.isOther()) {
            return "a pipe, a device or a socket";
        }
        return "not a regular file";
    }

    /** A file that is not a regular file, or is larger than its limit. The message names the file and the limit. */
    public static final class InputLimitException extends IOException {
        private static final long serialVersionUID = 1L;

        public InputLimitException(String message) {
            super(requireNonNull(message, "message is null"));
        }
    }
}
