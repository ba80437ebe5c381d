package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The chain file format (version 1), specified in {@code docs/chain.md}. A chain file holds the events of one
 * actor, append-only:
 *
 * <pre>
 * header   8 bytes magic 89 54 43 48 0D 0A 1A 0A ("\x89TCH\r\n\x1a\n"), 4 bytes version (big-endian, 1)
 * record*  4 bytes payload length L, 4 bytes CRC32C of those 4 length bytes,
 *          L bytes payload = canonical event encoding followed by the 32-byte event hash,
 *          4 bytes CRC32C of the payload
 * </pre>
 *
 * <p>The length has its own check so that a damaged length is reported as damage, not mistaken for a record cut
 * short by a crash: a file that ends inside a record whose length checks out is a torn tail ({@link TornTail});
 * any other bad byte is a {@link VerifyResult.Problem#BAD_FRAME}. All integers are big-endian.
 *
 * <p>Write with {@link ChainWriter}, read with {@link ChainReader}, check with {@link ChainVerifier}. Where the file
 * lives is the caller's choice; {@link #pathFor} gives the conventional {@code <chains-dir>/<actor-id>.chain}.
 */
public final class ChainFile {
    /** The format version this build reads and writes. */
    public static final int VERSION = 1;

    /** The file name extension of chain files. */
    public static final String EXTENSION = ".chain";

    /** The length of the file header: magic and version. */
    public static final int HEADER_BYTES = 12;

    static final int FRAME_HEADER_BYTES = 8;
    static final int FRAME_TRAILER_BYTES = 4;

    static final int MIN_PAYLOAD = ChainEncoding.MIN_LENGTH + ChainEvents.HASH_BYTES;
    static final long MAX_PAYLOAD = ChainEncoding.MAX_LENGTH + ChainEvents.HASH_BYTES;

    private static final byte[] MAGIC = {(byte) 0x89, 'T', 'C', 'H', '\r', '\n', 0x1a, '\n'};

    private ChainFile() {}

    /**
     * The conventional path of an actor's chain file: {@code <chainsDirectory>/<actorId>.chain}.
     *
     * @throws IllegalArgumentException when the actor id could escape the directory or is not a plain file name
     */
    public static Path pathFor(Path chainsDirectory, String actorId) {
        requireNonNull(chainsDirectory, "chainsDirectory is null");
        requireNonNull(actorId, "actorId is null");
        if (actorId.isEmpty() || actorId.startsWith(".") || !actorId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("actor id '" + actorId + "' cannot name a chain file: it must be"
                    + " letters, digits, '.', '_' or '-' and must not start with '.'");
        }
        return chainsDirectory.resolve(actorId + EXTENSION);
    }

    /** The 12 header bytes every chain file starts with. */
    static byte[] header() {
        return ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(VERSION).array();
    }

    static boolean hasMagic(byte[] header) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (header[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The complete record of an event: frame header, payload (encoding and hash) and payload check. */
    static ByteBuffer frame(ChainEvent event) {
        byte[] encoding = ChainEncoding.encode(event);
        int payloadLength = encoding.length + ChainEvents.HASH_BYTES;
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER_BYTES + payloadLength + FRAME_TRAILER_BYTES);
        frame.putInt(payloadLength);
        frame.putInt(crc32c(frame.array(), 0, Integer.BYTES));
        frame.put(encoding).put(event.hash());
        frame.putInt(crc32c(frame.array(), FRAME_HEADER_BYTES, payloadLength));
        return frame.flip();
    }

    static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
