package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;

/** The outcome of verifying a chain: {@link Intact} or {@link Broken} at the first event that fails. */
public sealed interface VerifyResult {

    /** Whether every event checked out. */
    default boolean isIntact() {
        return this instanceof Intact;
    }

    /**
     * Every event has the right hash, the right seq and its predecessor's hash as parent, and the file (if any) is
     * well-formed to its last byte.
     *
     * <p>A verified chain is internally consistent; it is authentic only if its head hash matches one recorded
     * elsewhere, because whoever rewrites the whole chain (or cuts whole events off its end) can recompute every
     * hash.
     *
     * @param count the number of events
     * @param headHash the hash of the last event, or 32 zero bytes when there is none (the parent hash the next
     *     event will carry)
     */
    record Intact(long count, byte[] headHash) implements VerifyResult {
        public Intact {
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, was " + count);
            }
            requireNonNull(headHash, "headHash is null");
            if (headHash.length != ChainEvents.HASH_BYTES) {
                throw new IllegalArgumentException(
                        "headHash must be " + ChainEvents.HASH_BYTES + " bytes, was " + headHash.length);
            }
            headHash = headHash.clone();
        }

        /** A copy of the head hash. */
        @Override
        public byte[] headHash() {
            return headHash.clone();
        }

        /** The head hash in lower-case hex. */
        public String headHashHex() {
            return HexFormat.of().formatHex(headHash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Intact other && count == other.count && Arrays.equals(headHash, other.headHash);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(count) + Arrays.hashCode(headHash);
        }

        @Override
        public String toString() {
            return "Intact[count=" + count + ", headHash=" + headHashHex() + "]";
        }
    }

    /**
     * The chain is broken; nothing from {@code seq} on can be trusted.
     *
     * @param seq the position of the first event that fails a check, which is also the number of events before it
     *     that passed (0 when the file header is bad)
     * @param offset the byte offset in the file where that event's record (or the bad header) starts; empty when
     *     events were verified in memory
     * @param problem what kind of check failed
     * @param reason what failed and what it means, in a sentence
     */
    record Broken(long seq, OptionalLong offset, Problem problem, String reason) implements VerifyResult {
        public Broken {
            if (seq < 0) {
                throw new IllegalArgumentException("seq must be >= 0, was " + seq);
            }
            requireNonNull(offset, "offset is null");
            requireNonNull(problem, "problem is null");
            requireNonNull(reason, "reason is null");
        }

        /** One line for people: where the chain breaks and why. */
        public String message() {
            return "chain broken at seq " + seq
                    + (offset.isPresent() ? " (byte " + offset.getAsLong() + ")" : "")
                    + ": " + reason;
        }
    }

    /** The kinds of check a chain can fail, in the order a file is checked. */
    enum Problem {
        /** The file does not start with the chain file magic and a supported version. */
        BAD_HEADER,
        /** A record's length or content fails its CRC32C frame check: bytes were damaged or modified. */
        BAD_FRAME,
        /** A record's frame is intact but its content is not a valid canonical event encoding. */
        MALFORMED_EVENT,
        /** The file ends inside the last record (or inside the header): the chain was cut, possibly by a crash. */
        TORN_TAIL,
        /** An event's stored hash is not the SHA-256 of its canonical encoding: its content was modified. */
        WRONG_HASH,
        /** An event's seq is not its position: an event was removed, duplicated or reordered. */
        SEQ_GAP,
        /** An event's parent hash is not the hash of the event before it (or not zero for the first event). */
        PARENT_MISMATCH,
        /** The chain's head file ({@link ChainHead}) cannot be read or is not a head file. */
        HEAD_FILE_DAMAGED,
        /** The event at the position of the head recorded at the last sync has another hash: it was rewritten. */
        HEAD_MISMATCH,
        /** The file ends before the head recorded at the last sync: whole events were cut off its end. */
        CUT_BEFORE_HEAD
    }
}
