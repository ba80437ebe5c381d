package dev.theater.chain;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.theater.spi.ChainEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * The canonical binary encoding of a chain event (version 1), the bytes its hash is computed over. Specified
 * byte by byte in {@code docs/chain.md}:
 *
 * <pre>
 * 16 bytes  domain tag, ASCII "theater-chain-v1"
 *  8 bytes  seq, unsigned big-endian
 * 32 bytes  parent hash
 *  8 bytes  timestamp, signed big-endian microseconds since 1970-01-01T00:00:00Z
 *  4 bytes  event type length T, unsigned big-endian; then T bytes of ASCII
 *  4 bytes  data length D, unsigned big-endian; then D bytes
 *  1 byte   0x00 (no description) or 0x01 (description follows)
 *  [4 bytes description length S, unsigned big-endian; then S bytes of UTF-8]
 * </pre>
 *
 * <p>Decoding is strict: every encoding of an event decodes to it, and nothing else decodes, so the encoding of a
 * decoded event equals the bytes it was decoded from.
 */
final class ChainEncoding {
    static final String DOMAIN_TAG = "theater-chain-v1";

    private static final byte[] TAG = DOMAIN_TAG.getBytes(US_ASCII);

    /** Tag, seq, parent hash, timestamp. */
    static final int FIXED_PART = TAG.length + Long.BYTES + ChainEvents.HASH_BYTES + Long.BYTES;

    static final int MIN_LENGTH = FIXED_PART + Integer.BYTES + 1 + Integer.BYTES + 1;

    static final long MAX_LENGTH = (long) FIXED_PART
            + Integer.BYTES
            + ChainEvents.MAX_EVENT_TYPE_LENGTH
            + Integer.BYTES
            + ChainEvents.MAX_DATA_BYTES
            + 1
            + Integer.BYTES
            + ChainEvents.MAX_DESCRIPTION_BYTES;

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private ChainEncoding() {}

    static byte[] encode(ChainEvent event) {
        byte[] type = event.eventType().getBytes(US_ASCII);
        byte[] data = event.data();
        byte[] description = event.description().map(d -> d.getBytes(UTF_8)).orElse(null);
        int length = FIXED_PART
                + Integer.BYTES
                + type.length
                + Integer.BYTES
                + data.length
                + 1
                + (description == null ? 0 : Integer.BYTES + description.length);
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put(TAG);
        out.putLong(event.seq());
        out.put(event.parentHash());
        out.putLong(epochMicros(event.timestamp()));
        out.putInt(type.length).put(type);
        out.putInt(data.length).put(data);
        if (description == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1).putInt(description.length).put(description);
        }
        return out.array();
    }

    /**
     * Decodes an encoding followed by a stored hash: {@code payload[0, length - 32)} is the encoding and the last 32
     * bytes are the hash.
     */
    static ChainEvent decode(byte[] payload, int length) throws MalformedEventException {
        if (length < MIN_LENGTH + ChainEvents.HASH_BYTES) {
            throw new MalformedEventException("it is " + length + " bytes, shorter than the smallest event ("
                    + (MIN_LENGTH + ChainEvents.HASH_BYTES) + " bytes)");
        }
        int encodingLength = length - ChainEvents.HASH_BYTES;
        ByteBuffer in = ByteBuffer.wrap(payload, 0, encodingLength);
        byte[] tag = new byte[TAG.length];
        in.get(tag);
        if (!Arrays.equals(tag, TAG)) {
            throw new MalformedEventException("its domain tag is not '" + DOMAIN_TAG + "'");
        }
        long seq = in.getLong();
        if (seq < 0) {
            throw new MalformedEventException("its seq " + Long.toUnsignedString(seq) + " is above 2^63-1");
        }
        byte[] parentHash = new byte[ChainEvents.HASH_BYTES];
        in.get(parentHash);
        Instant timestamp = fromEpochMicros(in.getLong());
        byte[] type = bytes(in, "event type", ChainEvents.MAX_EVENT_TYPE_LENGTH);
        byte[] data = bytes(in, "data", ChainEvents.MAX_DATA_BYTES);
        if (!in.hasRemaining()) {
            throw new MalformedEventException("it ends before its description flag");
        }
        byte flag = in.get();
        Optional<String> description;
        if (flag == 0) {
            description = Optional.empty();
        } else if (flag == 1) {
            description = Optional.of(utf8(bytes(in, "description", ChainEvents.MAX_DESCRIPTION_BYTES)));
        } else {
            throw new MalformedEventException("its description flag is " + (flag & 0xff) + ", not 0 or 1");
        }
        if (in.hasRemaining()) {
            throw new MalformedEventException("it has " + in.remaining() + " bytes after its last field");
        }
        byte[] hash = Arrays.copyOfRange(payload, encodingLength, length);
        try {
            return ChainEvents.of(seq, hash, parentHash, new String(type, US_ASCII), data, timestamp, description);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    static Instant truncateToMicros(Instant timestamp) {
        Instant truncated = timestamp.truncatedTo(ChronoUnit.MICROS);
        epochMicros(truncated);
        return truncated;
    }

    static long epochMicros(Instant timestamp) {
        try {
            return Math.addExact(
                    Math.multiplyExact(timestamp.getEpochSecond(), MICROS_PER_SECOND), timestamp.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("chain event timestamp " + timestamp
                    + " does not fit in 64-bit microseconds since the epoch (about 292,000 years either side of"
                    + " 1970); use the real time of the event");
        }
    }

    static Instant fromEpochMicros(long micros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }

    private static byte[] bytes(ByteBuffer in, String field, int max) throws MalformedEventException {
        if (in.remaining() < Integer.BYTES) {
            throw new MalformedEventException("it ends inside the length of its " + field);
        }
        long length = Integer.toUnsignedLong(in.getInt());
        if (length > max) {
            throw new MalformedEventException(
                    "its " + field + " length " + length + " is above the limit of " + max + " bytes");
        }
        if (length > in.remaining()) {
            throw new MalformedEventException("its " + field + " length " + length + " runs past its end");
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return bytes;
    }

    private static String utf8(byte[] bytes) throws MalformedEventException {
        try {
            String text = UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (!Arrays.equals(text.getBytes(UTF_8), bytes)) {
                throw new MalformedEventException("its description is not canonical UTF-8");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("its description is not valid UTF-8");
        }
    }

    /** A record whose frame is intact but whose content is not a canonical event encoding. */
    static final class MalformedEventException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedEventException(String message) {
            super(message);
        }
    }
}
