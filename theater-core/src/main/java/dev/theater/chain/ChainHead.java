package dev.theater.chain;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head of a chain as its writer last made it durable: how many events the chain file held and the hash of the
 * last one. {@link ChainWriter} writes it next to the chain file ({@link #fileFor}) at every {@code sync()} and
 * {@code close()}, after the chain file itself was forced; {@link ChainVerifier#verify(Path)} checks a chain file
 * against it. Verification alone cannot see whole events cut off the end of a chain (the rest still links up); the
 * head file can, as long as it was not cut back together with the chain. The head printed by {@code theater run}
 * and kept elsewhere covers that case too.
 *
 * <p>The file is one line of ASCII: {@code theater-chain-head 1 <count> <hash as 64 hex digits>}.
 *
 * @param count the number of events, which is the seq the next event gets
 * @param hash the hash of the last event (32 zero bytes for an empty chain)
 */
public record ChainHead(long count, byte[] hash) {
    /** The suffix added to a chain file's name to name its head file. */
    public static final String SUFFIX = ".head";

    private static final String MAGIC = "theater-chain-head";
    private static final int FORMAT = 1;
    private static final int MAX_BYTES = 256;
    private static final Pattern LINE = Pattern.compile(MAGIC + " " + FORMAT + " (\\d{1,19}) ([0-9a-f]{64})\n?");
    private static final HexFormat HEX = HexFormat.of();

    public ChainHead {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        requireNonNull(hash, "hash is null");
        if (hash.length != ChainEvents.HASH_BYTES) {
            throw new IllegalArgumentException("hash must be " + ChainEvents.HASH_BYTES + " bytes, was " + hash.length);
        }
        hash = hash.clone();
    }

    /** A copy of the hash. */
    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** The hash in lower-case hex. */
    public String hashHex() {
        return HEX.formatHex(hash);
    }

    /** The head file of {@code chainFile}: {@code <actor-id>.chain.head} next to {@code <actor-id>.chain}. */
    public static Path fileFor(Path chainFile) {
        requireNonNull(chainFile, "chainFile is null");
        Path name = chainFile.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("chain file " + chainFile + " has no file name");
        }
        return chainFile.resolveSibling(name + SUFFIX);
    }

    /**
     * Reads the head file of {@code chainFile}; empty when there is none (a chain written before head files
     * existed, or never synced).
     *
     * @throws IOException when it exists but cannot be read, or is not a head file (the message says which)
     */
    public static Optional<ChainHead> read(Path chainFile) throws IOException {
        Path file = fileFor(chainFile);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("head file " + file + " is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String text = new String(bytes, US_ASCII);
        Matcher m = LINE.matcher(text);
        if (bytes.length > MAX_BYTES || !m.matches()) {
            throw new IOException("head file " + file + " is not a chain head file (expected one line '" + MAGIC + " "
                    + FORMAT + " <count> <64 hex digits>'): it was damaged or modified");
        }
        long count;
        try {
            count = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IOException("head file " + file + " records an event count out of range: " + m.group(1), e);
        }
        return Optional.of(new ChainHead(count, HEX.parseHex(m.group(2))));
    }

    /**
     * Replaces the head file of {@code chainFile} with this head: written to a temporary file, forced to the
     * storage device, then renamed over the old one, so a crash leaves the old head or the new one, never a mix.
     */
    void write(Path chainFile) throws IOException {
        Path file = fileFor(chainFile);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] line = (MAGIC + " " + FORMAT + " " + count + " " + hashHex() + "\n").getBytes(US_ASCII);
        try (FileChannel channel = FileChannel.open(temporary, CREATE, TRUNCATE_EXISTING, WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, file, ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, REPLACE_EXISTING);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainHead other && count == other.count && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(count) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "ChainHead[count=" + count + ", hash=" + hashHex() + "]";
    }
}
