package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks chains. For each event, in order: its stored hash is the SHA-256 of its canonical encoding ({@link
 * VerifyResult.Problem#WRONG_HASH}), its seq is its position ({@link VerifyResult.Problem#SEQ_GAP}), and its parent
 * hash is the previous event's hash, or zero for the first event ({@link VerifyResult.Problem#PARENT_MISMATCH}). A
 * file is also checked for its header, every record's frame, and a torn tail. The result names the first event
 * that fails.
 */
public final class ChainVerifier {
    private static final HexFormat HEX = HexFormat.of();

    private ChainVerifier() {}

    /**
     * Verifies a chain file, streaming it (memory use does not grow with the file). When the file has a head file
     * ({@link ChainHead}), the chain must also reach the head it records, with the same hash.
     *
     * @throws IOException when the file cannot be read at all (missing, unreadable); damage is a {@link
     *     VerifyResult.Broken}, not an exception
     */
    public static VerifyResult verify(Path file) throws IOException {
        return verifyFile(file).result();
    }

    /** A file's verification result and the number of bytes that were checked. */
    record FileCheck(VerifyResult result, long length) {}

    static FileCheck verifyFile(Path file) throws IOException {
        requireNonNull(file, "file is null");
        Links links = new Links();
        Optional<ChainHead> recorded;
        try {
            recorded = ChainHead.read(file);
        } catch (IOException e) {
            return new FileCheck(
                    new VerifyResult.Broken(
                            0,
                            OptionalLong.empty(),
                            VerifyResult.Problem.HEAD_FILE_DAMAGED,
                            e.getMessage() + "; the head file records the chain's head at its last sync, so the"
                                    + " chain cannot be checked for events cut off its end"),
                    0);
        }
        try (ChainFileScanner scanner = ChainFileScanner.open(file)) {
            try {
                Optional<ChainEvent> event;
                while ((event = scanner.next()).isPresent()) {
                    Optional<VerifyResult.Broken> broken =
                            links.check(event.get(), OptionalLong.of(scanner.lastRecordOffset()));
                    if (broken.isEmpty() && recorded.isPresent()) {
                        broken = againstHead(event.get(), recorded.get(), scanner.lastRecordOffset());
                    }
                    if (broken.isPresent()) {
                        return new FileCheck(broken.get(), scanner.offset());
                    }
                }
            } catch (ChainFileException e) {
                return new FileCheck(e.broken(), scanner.offset());
            }
            Optional<TornTail> torn = scanner.tornTail();
            if (torn.isPresent()) {
                return new FileCheck(
                        new VerifyResult.Broken(
                                torn.get().seq(),
                                OptionalLong.of(torn.get().offset()),
                                VerifyResult.Problem.TORN_TAIL,
                                torn.get().message()),
                        scanner.offset());
            }
            VerifyResult.Intact intact = links.intact();
            if (recorded.isPresent() && intact.count() < recorded.get().count()) {
                ChainHead head = recorded.get();
                return new FileCheck(
                        new VerifyResult.Broken(
                                intact.count(),
                                OptionalLong.of(scanner.offset()),
                                VerifyResult.Problem.CUT_BEFORE_HEAD,
                                "the file ends after " + intact.count() + " events, but its head file recorded "
                                        + head.count() + " events (head " + head.hashHex() + ") at the last sync:"
                                        + " whole events were cut off its end"),
                        scanner.offset());
            }
            return new FileCheck(intact, scanner.offset());
        } catch (ChainFileException e) {
            return new FileCheck(e.broken(), 0);
        }
    }

    /** The event at the recorded head's position must be the recorded head. */
    private static Optional<VerifyResult.Broken> againstHead(ChainEvent event, ChainHead head, long offset) {
        if (event.seq() != head.count() - 1 || Arrays.equals(event.hash(), head.hash())) {
            return Optional.empty();
        }
        return Optional.of(new VerifyResult.Broken(
                event.seq(),
                OptionalLong.of(offset),
                VerifyResult.Problem.HEAD_MISMATCH,
                "the event's hash is " + event.hashHex() + ", but the chain's head file recorded "
                        + head.hashHex() + " for seq " + event.seq() + " at the last sync: the chain was"
                        + " rewritten up to there since"));
    }

    /** Verifies events held in memory; they must be a whole chain, starting at seq 0. */
    public static VerifyResult verify(List<ChainEvent> events) {
        requireNonNull(events, "events is null");
        Links links = new Links();
        for (ChainEvent event : events) {
            Optional<VerifyResult.Broken> broken =
                    links.check(requireNonNull(event, "events contains null"), OptionalLong.empty());
            if (broken.isPresent()) {
                return broken.get();
            }
        }
        return links.intact();
    }

    /** The running state of a verification: the next expected seq and the hash the next parent must equal. */
    static final class Links {
        private long count;
        private byte[] head = ChainEvents.zeroHash();

        Optional<VerifyResult.Broken> check(ChainEvent event, OptionalLong offset) {
            byte[] computed = ChainEvents.computeHash(event);
            if (!Arrays.equals(computed, event.hash())) {
                return Optional.of(new VerifyResult.Broken(
                        count,
                        offset,
                        VerifyResult.Problem.WRONG_HASH,
                        "the event's stored hash " + event.hashHex() + " is not the hash of its content ("
                                + HEX.formatHex(computed) + "): its seq, parent hash, type, data, timestamp or"
                                + " description was modified after it was recorded"));
            }
            if (event.seq() != count) {
                return Optional.of(new VerifyResult.Broken(
                        count,
                        offset,
                        VerifyResult.Problem.SEQ_GAP,
                        "the event at position " + count + " has seq " + event.seq()
                                + ": an event was removed, duplicated or reordered"));
            }
            if (!Arrays.equals(event.parentHash(), head)) {
                String expected = count == 0
                        ? "the first event must have the all-zero parent hash"
                        : "the previous event's hash is " + HEX.formatHex(head);
                return Optional.of(new VerifyResult.Broken(
                        count,
                        offset,
                        VerifyResult.Problem.PARENT_MISMATCH,
                        "the event's parent hash is " + event.parentHashHex() + " but " + expected
                                + ": the previous event was rewritten, or this event was"
                                + " rewritten or taken from another chain"));
            }
            head = event.hash();
            count++;
            return Optional.empty();
        }

        VerifyResult.Intact intact() {
            return new VerifyResult.Intact(count, head);
        }
    }
}
