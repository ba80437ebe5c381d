package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules and the hashing of chain events ({@link ChainEvent}, the record in {@code dev.theater.spi}).
 *
 * <p>{@code hash} is the SHA-256 of the canonical encoding of all the other fields (see {@code docs/chain.md});
 * {@code parentHash} is the hash of the previous event, or 32 zero bytes ({@link #zeroHash()}) for the first event
 * (seq 0). The first event has seq 0 and every following event the next integer, so an event's seq is also its
 * index in the chain.
 *
 * <p>{@link #of} checks the shape of every field but not {@code hash}: events read from a damaged or tampered file
 * must be representable so that a verifier can say what is wrong with them. Use {@link #compute} to make an event
 * with the right hash and {@link #hasValidHash} to check one.
 *
 * <p>Field rules:
 *
 * <ul>
 *   <li>{@code seq} is {@code >= 0}.
 *   <li>{@code hash} and {@code parentHash} are exactly {@value #HASH_BYTES} bytes.
 *   <li>{@code eventType} is 1 to {@value #MAX_EVENT_TYPE_LENGTH} characters: lower-case ASCII letters and digits in
 *       runs separated by single {@code '-'} or {@code '.'}, starting with a letter ({@code host-call}, {@code
 *       http.request}). {@link ChainEventTypes} lists the types the runtime emits.
 *   <li>{@code data} is opaque bytes, at most {@value #MAX_DATA_BYTES}; the runtime decides what goes in them.
 *   <li>{@code timestamp} is kept with microsecond precision: finer digits are truncated (towards the past). It is
 *       encoded as signed microseconds since the epoch, so it must lie within about 292,000 years of 1970.
 *   <li>{@code description} is optional human-readable text, well-formed Unicode of at most {@value
 *       #MAX_DESCRIPTION_BYTES} bytes in UTF-8. An empty description is present and distinct from an absent one.
 * </ul>
 */
public final class ChainEvents {

    /** The length of a SHA-256 hash. */
    public static final int HASH_BYTES = 32;

    /** The longest event type, in characters (all ASCII). */
    public static final int MAX_EVENT_TYPE_LENGTH = 64;

    /** The largest {@code data}: 256 MiB. */
    public static final int MAX_DATA_BYTES = 256 * 1024 * 1024;

    /** The largest description in UTF-8 bytes: 64 KiB. */
    public static final int MAX_DESCRIPTION_BYTES = 64 * 1024;

    private ChainEvents() {}

    /**
     * An event with the given fields, after checking the rules in the class comment (not the hash); the timestamp
     * is truncated to microseconds.
     *
     * @throws IllegalArgumentException when a field breaks a rule
     */
    public static ChainEvent of(
            long seq,
            byte[] hash,
            byte[] parentHash,
            String eventType,
            byte[] data,
            Instant timestamp,
            Optional<String> description) {
        if (seq < 0) {
            throw new IllegalArgumentException("chain event seq must be >= 0, was " + seq);
        }
        checkHash(hash, "hash");
        checkHash(parentHash, "parentHash");
        checkEventType(eventType);
        requireNonNull(data, "data is null");
        if (data.length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("chain event '" + eventType + "' has " + data.length
                    + " bytes of data, more than the limit of " + MAX_DATA_BYTES
                    + "; store large payloads elsewhere (e.g. the content store) and record their hash");
        }
        Instant truncated = ChainEncoding.truncateToMicros(requireNonNull(timestamp, "timestamp is null"));
        requireNonNull(description, "description is null");
        description.ifPresent(ChainEvents::checkDescription);
        return new ChainEvent(seq, hash, parentHash, eventType, data, truncated, description);
    }

    /**
     * Makes an event whose hash is the SHA-256 of the canonical encoding of the given fields.
     *
     * @param parentHash the hash of the previous event, or {@link #zeroHash()} for seq 0
     * @throws IllegalArgumentException when a field breaks a rule listed in the class comment
     */
    public static ChainEvent compute(
            long seq,
            byte[] parentHash,
            String eventType,
            byte[] data,
            Instant timestamp,
            Optional<String> description) {
        ChainEvent unhashed = of(seq, zeroHash(), parentHash, eventType, data, timestamp, description);
        return withHash(unhashed, computeHash(unhashed));
    }

    /** A new array of {@value #HASH_BYTES} zero bytes: the parent hash of the first event. */
    public static byte[] zeroHash() {
        return new byte[HASH_BYTES];
    }

    /** The canonical encoding of every field except {@code hash}: the bytes that {@code hash} is the SHA-256 of. */
    public static byte[] canonicalEncoding(ChainEvent event) {
        return ChainEncoding.encode(event);
    }

    /** Recomputes the SHA-256 of the canonical encoding; equals the event's hash unless the event was modified. */
    public static byte[] computeHash(ChainEvent event) {
        return ChainEncoding.sha256(ChainEncoding.encode(event));
    }

    /** Whether the stored hash is the SHA-256 of the canonical encoding of the other fields. */
    public static boolean hasValidHash(ChainEvent event) {
        return Arrays.equals(event.hash(), computeHash(event));
    }

    /** {@code event} with another stored hash (the other fields unchanged). */
    public static ChainEvent withHash(ChainEvent event, byte[] newHash) {
        checkHash(newHash, "hash");
        return new ChainEvent(
                event.seq(),
                newHash,
                event.parentHash(),
                event.eventType(),
                event.data(),
                event.timestamp(),
                event.description());
    }

    /**
     * Checks an event type against the rule in the class comment.
     *
     * @throws IllegalArgumentException naming the type and the rule
     */
    public static void checkEventType(String eventType) {
        requireNonNull(eventType, "eventType is null");
        if (!isValidEventType(eventType)) {
            throw new IllegalArgumentException("chain event type '" + eventType + "' is invalid: it must be 1 to "
                    + MAX_EVENT_TYPE_LENGTH + " characters of lower-case ASCII letters and digits, start with a"
                    + " letter, and use single '-' or '.' only between letters and digits,"
                    + " e.g. 'host-call' or 'http.request'");
        }
    }

    private static boolean isValidEventType(String type) {
        int length = type.length();
        if (length == 0 || length > MAX_EVENT_TYPE_LENGTH) {
            return false;
        }
        char first = type.charAt(0);
        if (first < 'a' || first > 'z') {
            return false;
        }
        boolean previousWasSeparator = false;
        for (int i = 1; i < length; i++) {
            char c = type.charAt(i);
            boolean separator = c == '-' || c == '.';
            if (separator) {
                if (previousWasSeparator) {
                    return false;
                }
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
            previousWasSeparator = separator;
        }
        return !previousWasSeparator;
    }

    private static void checkDescription(String description) {
        long utf8Bytes = 0;
        int length = description.length();
        for (int i = 0; i < length; i++) {
            char c = description.charAt(i);
            if (c < 0x80) {
                utf8Bytes += 1;
            } else if (c < 0x800) {
                utf8Bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < length
                    && Character.isLowSurrogate(description.charAt(i + 1))) {
                utf8Bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("chain event description has an unpaired surrogate at index "
                        + i + " (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                        + "): descriptions must be well-formed Unicode so that they survive UTF-8 encoding");
            } else {
                utf8Bytes += 3;
            }
        }
        if (utf8Bytes > MAX_DESCRIPTION_BYTES) {
            throw new IllegalArgumentException("chain event description is " + utf8Bytes
                    + " bytes in UTF-8, more than the limit of " + MAX_DESCRIPTION_BYTES
                    + "; put long text in the event data instead");
        }
    }

    private static void checkHash(byte[] value, String name) {
        requireNonNull(value, () -> name + " is null");
        if (value.length != HASH_BYTES) {
            throw new IllegalArgumentException(
                    "chain event " + name + " must be " + HASH_BYTES + " bytes (a SHA-256), was " + value.length);
        }
    }
}
