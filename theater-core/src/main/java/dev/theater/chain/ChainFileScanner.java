package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the records of a chain file one at a time, checking the header and every frame; stops at the first damaged
 * frame with a {@link ChainFileException} and at a torn tail with {@link #tornTail()}. Hashes and links are not
 * checked here ({@link ChainVerifier} does that).
 */
final class ChainFileScanner implements Closeable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final InputStream in;
    private long offset;
    private long count;
    private long lastRecordOffset = -1;
    private boolean ended;
    private TornTail tornTail;

    private ChainFileScanner(Path file, InputStream in) {
        this.file = requireNonNull(file, "file is null");
        this.in = requireNonNull(in, "in is null");
    }

    /** Opens the file and checks its header. */
    static ChainFileScanner open(Path file) throws IOException {
        ChainFileScanner scanner =
                new ChainFileScanner(file, new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
        try {
            scanner.readHeader();
            return scanner;
        } catch (IOException | RuntimeException e) {
            scanner.close();
            throw e;
        }
    }

    private void readHeader() throws IOException {
        byte[] expected = ChainFile.header();
        byte[] header = in.readNBytes(ChainFile.HEADER_BYTES);
        offset = header.length;
        if (header.length < ChainFile.HEADER_BYTES && Arrays.equals(header, Arrays.copyOf(expected, header.length))) {
            ended = true;
            tornTail = new TornTail(0, 0, header.length);
            return;
        }
        if (header.length < ChainFile.HEADER_BYTES || !ChainFile.hasMagic(header)) {
            throw broken(
                    0,
                    0,
                    VerifyResult.Problem.BAD_HEADER,
                    "the file does not start with the chain file magic"
                            + " 89 54 43 48 0d 0a 1a 0a: it is not a chain file, or its first bytes were damaged");
        }
        int version = ByteBuffer.wrap(header).getInt(8);
        if (version != ChainFile.VERSION) {
            throw broken(
                    0,
                    0,
                    VerifyResult.Problem.BAD_HEADER,
                    "the file has format version "
                            + Integer.toUnsignedString(version) + " but this build reads version " + ChainFile.VERSION
                            + ": read it with a matching Theater version, or the version bytes were damaged");
        }
    }

    /** The next complete, well-framed event, or empty at the end of the file or at a torn tail. */
    Optional<ChainEvent> next() throws IOException {
        if (ended) {
            return Optional.empty();
        }
        long start = offset;
        byte[] frameHeader = in.readNBytes(ChainFile.FRAME_HEADER_BYTES);
        offset += frameHeader.length;
        if (frameHeader.length == 0) {
            ended = true;
            return Optional.empty();
        }
        if (frameHeader.length < ChainFile.FRAME_HEADER_BYTES) {
            return torn(start);
        }
        ByteBuffer header = ByteBuffer.wrap(frameHeader);
        int storedLengthCheck = header.getInt(4);
        int lengthCheck = ChainFile.crc32c(frameHeader, 0, Integer.BYTES);
        if (storedLengthCheck != lengthCheck) {
            throw broken(
                    count,
                    start,
                    VerifyResult.Problem.BAD_FRAME,
                    "the length field of the record fails its"
                            + " check (stored CRC32C " + hex(storedLengthCheck) + ", computed " + hex(lengthCheck)
                            + "): the record's first bytes were damaged or modified");
        }
        long payloadLength = Integer.toUnsignedLong(header.getInt(0));
        if (payloadLength < ChainFile.MIN_PAYLOAD || payloadLength > ChainFile.MAX_PAYLOAD) {
            throw broken(
                    count,
                    start,
                    VerifyResult.Problem.BAD_FRAME,
                    "the record declares a payload of "
                            + payloadLength + " bytes, outside the possible range " + ChainFile.MIN_PAYLOAD + " to "
                            + ChainFile.MAX_PAYLOAD + ": the file was modified or written by something else");
        }
        byte[] payload = in.readNBytes((int) payloadLength);
        offset += payload.length;
        if (payload.length < payloadLength) {
            return torn(start);
        }
        byte[] trailer = in.readNBytes(ChainFile.FRAME_TRAILER_BYTES);
        offset += trailer.length;
        if (trailer.length < ChainFile.FRAME_TRAILER_BYTES) {
            return torn(start);
        }
        int storedCheck = ByteBuffer.wrap(trailer).getInt();
        int check = ChainFile.crc32c(payload, 0, payload.length);
        if (storedCheck != check) {
            throw broken(
                    count,
                    start,
                    VerifyResult.Problem.BAD_FRAME,
                    "the record fails its frame check (stored"
                            + " CRC32C " + hex(storedCheck) + ", computed " + hex(check) + "): bytes of the record were"
                            + " damaged or modified");
        }
        ChainEvent event;
        try {
            event = ChainEncoding.decode(payload, payload.length);
        } catch (ChainEncoding.MalformedEventException e) {
            throw broken(
                    count,
                    start,
                    VerifyResult.Problem.MALFORMED_EVENT,
                    "the record is well-framed but not a valid event encoding: " + e.getMessage()
                            + "; the file was modified or written by something else");
        }
        lastRecordOffset = start;
        count++;
        return Optional.of(event);
    }

    /** Reads (and checks the frames of) every remaining record, up to the end or a torn tail. */
    void skipToEnd() throws IOException {
        Optional<ChainEvent> event;
        do {
            event = next();
        } while (event.isPresent());
    }

    /** The byte offset of the record of the event {@link #next()} returned last; -1 before the first. */
    long lastRecordOffset() {
        return lastRecordOffset;
    }

    /** The number of complete events returned so far. */
    long count() {
        return count;
    }

    /** The number of bytes consumed so far; after the last event of an intact file, the file length. */
    long offset() {
        return offset;
    }

    /** The incomplete last record, once {@link #next()} has run into it. */
    Optional<TornTail> tornTail() {
        return Optional.ofNullable(tornTail);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private Optional<ChainEvent> torn(long start) {
        ended = true;
        tornTail = new TornTail(count, start, offset - start);
        return Optional.empty();
    }

    private ChainFileException broken(long seq, long at, VerifyResult.Problem problem, String reason) {
        ended = true;
        return new ChainFileException(file, new VerifyResult.Broken(seq, OptionalLong.of(at), problem, reason), "");
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }
}
