package dev.theater.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainFileTest {
    private static final int HEADER = 12;

    @TempDir
    Path dir;

    /** Writes a small chain through a listening writer, the way the runtime does, and returns its events. */
    private static List<ChainEvent> writeChain(Path file, int count) throws IOException {
        Chain chain = new Chain(new TickingClock());
        try (ChainWriter writer = ChainWriter.create(file)) {
            chain.subscribe(writer);
            for (int i = 0; i < count; i++) {
                chain.append(
                        i == 0 ? "lifecycle" : "host-call",
                        ("data " + i).getBytes(UTF_8),
                        i == 1 ? null : "event " + i);
            }
        }
        return chain.snapshot();
    }

    /** The byte offset where each event's record starts, followed by the file length; computed from the spec. */
    private static long[] recordStarts(List<ChainEvent> events) {
        long[] starts = new long[events.size() + 1];
        long offset = HEADER;
        for (int i = 0; i < events.size(); i++) {
            starts[i] = offset;
            ChainEvent e = events.get(i);
            long encoding = 16
                    + 8
                    + 32
                    + 8
                    + 4
                    + e.eventType().length()
                    + 4
                    + e.data().length
                    + 1
                    + e.description().map(d -> 4 + d.getBytes(UTF_8).length).orElse(0);
            offset += 4 + 4 + encoding + 32 + 4;
        }
        starts[events.size()] = offset;
        return starts;
    }

    /** Writes arbitrary events with correct frames, as someone who rewrites a file and fixes its checks would. */
    private static void writeRaw(Path file, List<ChainEvent> events) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(1 << 16).put(ChainFile.header());
        for (ChainEvent event : events) {
            out.put(ChainFile.frame(event));
        }
        Files.write(file, Arrays.copyOf(out.array(), out.position()));
    }

    /** Rewrites the file with its second event's data forged and that event's hash recomputed. */
    private static void rewriteSecondEvent(Path file, List<ChainEvent> events) throws IOException {
        List<ChainEvent> forged = new ArrayList<>(events);
        ChainEvent e = forged.get(1);
        forged.set(
                1,
                ChainEvents.compute(
                        1, e.parentHash(), e.eventType(), "forged".getBytes(UTF_8), e.timestamp(), e.description()));
        writeRaw(file, forged);
    }

    private static VerifyResult.Broken broken(VerifyResult result) {
        assertThat(result).isInstanceOf(VerifyResult.Broken.class);
        return (VerifyResult.Broken) result;
    }

    @Test
    void aWrittenChainReadsBackEqualAndVerifies() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 5);

        ReadResult read = ChainReader.read(file);

        assertThat(read.events()).isEqualTo(events);
        assertThat(read.tornTail()).isEmpty();
        assertThat(read.verify())
                .isEqualTo(new VerifyResult.Intact(5, events.get(4).hash()));
        assertThat(ChainVerifier.verify(file))
                .isEqualTo(new VerifyResult.Intact(5, events.get(4).hash()));
        assertThat(Files.size(file)).isEqualTo(recordStarts(events)[5]);
    }

    @Test
    void unusualButValidFieldsRoundTrip() throws IOException {
        Path file = dir.resolve("edge.chain");
        byte[] allBytes = new byte[256];
        for (int i = 0; i < allBytes.length; i++) {
            allBytes[i] = (byte) i;
        }
        List<ChainEvent> events = new ArrayList<>();
        byte[] parent = ChainEvents.zeroHash();
        Object[][] fields = {
            {"lifecycle", new byte[0], Instant.parse("1900-01-01T00:00:00.000001Z"), Optional.empty()},
            {"host-call", allBytes, Instant.parse("1969-12-31T23:59:59.999999Z"), Optional.of("")},
            {"z.9-a", "x".getBytes(UTF_8), Instant.parse("2999-12-31T23:59:59Z"), Optional.of("Größe 🎭 → ok")}
        };
        try (ChainWriter writer = ChainWriter.create(file)) {
            for (Object[] f : fields) {
                @SuppressWarnings("unchecked")
                Optional<String> description = (Optional<String>) f[3];
                ChainEvent event = ChainEvents.compute(
                        events.size(), parent, (String) f[0], (byte[]) f[1], (Instant) f[2], description);
                writer.append(event);
                events.add(event);
                parent = event.hash();
            }
        }

        assertThat(ChainReader.read(file).events()).isEqualTo(events);
        assertThat(ChainVerifier.verify(file).isIntact()).isTrue();
    }

    @Test
    void aFlippedByteAnywhereInTheFileIsDetectedAtTheEventWhoseRecordHoldsIt() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 3);
        byte[] original = Files.readAllBytes(file);
        long[] starts = recordStarts(events);
        assertThat(original).hasSize((int) starts[3]);
        Path damaged = dir.resolve("damaged.chain");

        for (int position = 0; position < original.length; position++) {
            int record = 0;
            while (record < 3 && position >= starts[record + 1]) {
                record++;
            }
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] bytes = original.clone();
                bytes[position] ^= (byte) mask;
                Files.write(damaged, bytes);

                VerifyResult.Broken broken = broken(ChainVerifier.verify(damaged));

                String where = "flip " + Integer.toHexString(mask) + " at byte " + position;
                if (position < HEADER) {
                    assertThat(broken.problem()).as(where).isEqualTo(VerifyResult.Problem.BAD_HEADER);
                    assertThat(broken.seq()).as(where).isZero();
                    assertThat(broken.offset()).as(where).hasValue(0);
                } else {
                    assertThat(broken.problem()).as(where).isEqualTo(VerifyResult.Problem.BAD_FRAME);
                    assertThat(broken.seq()).as(where).isEqualTo(record);
                    assertThat(broken.offset()).as(where).hasValue(starts[record]);
                }
                assertThatThrownBy(() -> ChainReader.read(damaged))
                        .as(where)
                        .isInstanceOfSatisfying(ChainFileException.class, e -> assertThat(e.broken())
                                .isEqualTo(broken));
            }
        }
    }

    @Test
    void theFirstOfSeveralDamagedRecordsIsNamed() throws IOException {
        Path file = dir.resolve("actor.chain");
        long[] starts = recordStarts(writeChain(file, 4));
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) starts[3] + 40] ^= 1;
        bytes[(int) starts[1] + 40] ^= 1;
        Files.write(file, bytes);

        assertThat(broken(ChainVerifier.verify(file)).seq()).isEqualTo(1);
    }

    @Test
    void aFileCutInsideItsLastRecordIsATornTail() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 3);
        byte[] original = Files.readAllBytes(file);
        long[] starts = recordStarts(events);
        Path cut = dir.resolve("cut.chain");

        for (int end = (int) starts[2] + 1; end < original.length; end++) {
            Files.write(cut, Arrays.copyOf(original, end));

            VerifyResult.Broken broken = broken(ChainVerifier.verify(cut));
            ReadResult read = ChainReader.read(cut);

            assertThat(broken)
                    .isEqualTo(new VerifyResult.Broken(
                            2,
                            OptionalLong.of(starts[2]),
                            VerifyResult.Problem.TORN_TAIL,
                            "the last record (seq 2, starting at byte " + starts[2] + ") is truncated at byte " + end
                                    + ": the chain was cut, possibly by a crash"));
            assertThat(read.events()).isEqualTo(events.subList(0, 2));
            assertThat(read.tornTail()).contains(new TornTail(2, starts[2], end - starts[2]));
        }
    }

    @Test
    void aFileCutInsideItsHeaderIsATornTailAtByteZero() throws IOException {
        Path file = dir.resolve("actor.chain");
        byte[] original = Files.readAllBytes(writeEmpty(file));

        for (int end = 0; end < HEADER; end++) {
            Files.write(file, Arrays.copyOf(original, end));

            VerifyResult.Broken broken = broken(ChainVerifier.verify(file));

            assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.TORN_TAIL);
            assertThat(broken.seq()).isZero();
            assertThat(broken.reason())
                    .isEqualTo("the file header is truncated at byte " + end
                            + ": the file was cut while it was being created, possibly by a crash");
        }
    }

    private static Path writeEmpty(Path file) throws IOException {
        ChainWriter.create(file).close();
        return file;
    }

    @Test
    void aFileWithoutHeadFileCutBetweenRecordsVerifiesAsAShorterChain() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 3);
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(original, (int) recordStarts(events)[2]));
        Files.delete(ChainHead.fileFor(file));

        assertThat(ChainVerifier.verify(file))
                .isEqualTo(new VerifyResult.Intact(2, events.get(1).hash()));
    }

    @Test
    void syncAndCloseRecordTheDurableHeadInTheHeadFile() throws IOException {
        Path file = dir.resolve("actor.chain");
        Chain chain = new Chain(new TickingClock());
        try (ChainWriter writer = ChainWriter.create(file)) {
            chain.subscribe(writer);
            chain.append("lifecycle", "a".getBytes(UTF_8), null);
            assertThat(ChainHead.read(file)).as("no sync yet").isEmpty();
            writer.sync();
            assertThat(ChainHead.read(file))
                    .contains(new ChainHead(1, chain.snapshot().get(0).hash()));
            chain.append("lifecycle", "b".getBytes(UTF_8), null);
        }

        assertThat(ChainHead.read(file))
                .contains(new ChainHead(2, chain.snapshot().get(1).hash()));
        assertThat(Files.readString(ChainHead.fileFor(file)))
                .isEqualTo("theater-chain-head 1 2 " + chain.snapshot().get(1).hashHex() + "\n");
    }

    @Test
    void wholeEventsCutOffBeforeTheRecordedHeadAreDetectedAndNotAppendedTo() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 3);
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(original, (int) recordStarts(events)[2]));

        VerifyResult.Broken broken = broken(ChainVerifier.verify(file));

        assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.CUT_BEFORE_HEAD);
        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.offset()).hasValue(recordStarts(events)[2]);
        assertThat(broken.message()).contains("recorded 3 events", events.get(2).hashHex(), "cut off its end");
        assertThatThrownBy(() -> ChainWriter.openForAppend(file))
                .isInstanceOf(ChainFileException.class)
                .hasMessageContaining("cut off its end");
    }

    @Test
    void aChainRewrittenUpToItsRecordedHeadIsAHeadMismatch() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 2);
        ChainEvent e = events.get(1);
        rewriteSecondEvent(file, events);

        VerifyResult.Broken broken = broken(ChainVerifier.verify(file));

        assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.HEAD_MISMATCH);
        assertThat(broken.seq()).isEqualTo(1);
        assertThat(broken.message()).contains(e.hashHex());
    }

    @Test
    void aDamagedHeadFileIsReportedAndAChainNeverSyncedHasNone() throws IOException {
        Path file = dir.resolve("actor.chain");
        writeChain(file, 2);
        Files.writeString(ChainHead.fileFor(file), "theater-chain-head 1 2 not-a-hash\n");

        assertThat(broken(ChainVerifier.verify(file)).problem()).isEqualTo(VerifyResult.Problem.HEAD_FILE_DAMAGED);

        Path fresh = dir.resolve("fresh.chain");
        try (ChainWriter writer = ChainWriter.create(fresh)) {
            assertThat(writer.length()).isZero();
            assertThat(ChainHead.fileFor(fresh)).as("before the first sync").doesNotExist();
        }
        assertThat(ChainHead.read(fresh)).contains(new ChainHead(0, ChainEvents.zeroHash()));
    }

    @Test
    void openingATornFileForAppendIsRefusedUntilTheTailIsCutExplicitly() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 3);
        long[] starts = recordStarts(events);
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(original, original.length - 5));
        // As after a crash: the last event had not been synced, so the head file records the two before it.
        new ChainHead(2, events.get(1).hash()).write(file);

        assertThatThrownBy(() -> ChainWriter.openForAppend(file))
                .isInstanceOfSatisfying(
                        ChainFileException.class,
                        e -> assertThat(e.broken().problem()).isEqualTo(VerifyResult.Problem.TORN_TAIL))
                .hasMessageContaining("is truncated at byte " + (original.length - 5))
                .hasMessageContaining("refusing to append")
                .hasMessageContaining("ChainWriter.truncateTornTail");
        assertThat(Files.size(file)).isEqualTo(original.length - 5);

        assertThat(ChainWriter.truncateTornTail(file)).contains(new TornTail(2, starts[2], starts[3] - starts[2] - 5));
        assertThat(Files.size(file)).isEqualTo(starts[2]);
        assertThat(ChainWriter.truncateTornTail(file)).isEmpty();

        Chain chain = Chain.restore(ChainReader.read(file).events(), new TickingClock());
        try (ChainWriter writer = ChainWriter.openForAppend(file)) {
            assertThat(writer.length()).isEqualTo(2);
            assertThat(writer.headHash()).isEqualTo(events.get(1).hash());
            chain.subscribe(writer.length(), writer);
            chain.append("lifecycle", "recovered".getBytes(UTF_8), null);
        }
        assertThat(ChainVerifier.verify(file)).isEqualTo(new VerifyResult.Intact(3, chain.headHash()));
        assertThat(ChainReader.read(file).events()).isEqualTo(chain.snapshot());
    }

    @Test
    void cuttingATornHeaderLeavesAnEmptyChain() throws IOException {
        Path file = dir.resolve("actor.chain");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(writeEmpty(dir.resolve("model.chain"))), 5));

        assertThat(ChainWriter.truncateTornTail(file)).contains(new TornTail(0, 0, 5));

        assertThat(ChainVerifier.verify(file)).isEqualTo(new VerifyResult.Intact(0, ChainEvents.zeroHash()));
    }

    @Test
    void aDamagedFileIsNeitherAppendedToNorCut() throws IOException {
        Path file = dir.resolve("actor.chain");
        long[] starts = recordStarts(writeChain(file, 3));
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) starts[1] + 30] ^= 1;
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

        assertThatThrownBy(() -> ChainWriter.openForAppend(file))
                .isInstanceOf(ChainFileException.class)
                .hasMessageContaining("chain broken at seq 1 (byte " + starts[1] + ")")
                .hasMessageContaining("refusing to append to a damaged or modified chain");
        assertThatThrownBy(() -> ChainWriter.truncateTornTail(file))
                .isInstanceOfSatisfying(
                        ChainFileException.class,
                        e -> assertThat(e.broken().problem()).isEqualTo(VerifyResult.Problem.BAD_FRAME));
        assertThat(Files.size(file)).isEqualTo(bytes.length - 3);
    }

    @Test
    void aModifiedEventWithRecomputedFrameChecksIsAWrongHash() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = new ArrayList<>(writeChain(file, 3));
        long[] starts = recordStarts(events);
        ChainEvent e = events.get(1);
        events.set(
                1,
                ChainEvents.of(
                        e.seq(),
                        e.hash(),
                        e.parentHash(),
                        e.eventType(),
                        "data 9".getBytes(UTF_8),
                        e.timestamp(),
                        e.description()));
        writeRaw(file, events);

        VerifyResult.Broken broken = broken(ChainVerifier.verify(file));

        assertThat(broken.seq()).isEqualTo(1);
        assertThat(broken.offset()).hasValue(starts[1]);
        assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.WRONG_HASH);
        assertThat(ChainReader.read(file).events()).isEqualTo(events);
    }

    @Test
    void aRewrittenEventWithARecomputedHashIsAParentMismatchAtTheNextEvent() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 3);
        ChainEvent e = events.get(1);
        rewriteSecondEvent(file, events);

        VerifyResult.Broken broken = broken(ChainVerifier.verify(file));

        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.PARENT_MISMATCH);
    }

    @Test
    void aRemovedRecordIsASeqGap() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = new ArrayList<>(writeChain(file, 3));
        events.remove(1);
        writeRaw(file, events);

        VerifyResult.Broken broken = broken(ChainVerifier.verify(file));

        assertThat(broken.seq()).isEqualTo(1);
        assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.SEQ_GAP);
    }

    @Test
    void aWellFramedRecordThatIsNotAnEventEncodingIsMalformed() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 2);
        long[] starts = recordStarts(events);
        ChainEvent second = events.get(1);
        assertThat(second.description()).isEmpty();
        byte[] payload = new byte[(int) (starts[2] - starts[1] - 12)];
        byte[] encoding = ChainEvents.canonicalEncoding(second);
        System.arraycopy(encoding, 0, payload, 0, encoding.length);
        System.arraycopy(second.hash(), 0, payload, encoding.length, 32);
        payload[encoding.length - 1] = 2;
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 12).putInt(payload.length);
        frame.putInt(ChainFile.crc32c(frame.array(), 0, 4)).put(payload);
        frame.putInt(ChainFile.crc32c(payload, 0, payload.length));
        byte[] bytes = Files.readAllBytes(file);
        System.arraycopy(frame.array(), 0, bytes, (int) starts[1], frame.capacity());
        Files.write(file, bytes);

        VerifyResult.Broken broken = broken(ChainVerifier.verify(file));

        assertThat(broken.seq()).isEqualTo(1);
        assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.MALFORMED_EVENT);
        assertThat(broken.reason()).contains("its description flag is 2, not 0 or 1");
    }

    @Test
    void aFileOfAnotherVersionOrKindIsABadHeader() throws IOException {
        Path file = dir.resolve("actor.chain");
        byte[] header = ChainFile.header();
        header[11] = 2;
        Files.write(file, header);
        assertThat(broken(ChainVerifier.verify(file)).reason())
                .contains("format version 2 but this build reads version 1");

        Files.writeString(file, "hello, this is not a chain\n");
        assertThat(broken(ChainVerifier.verify(file)))
                .satisfies(b -> assertThat(b.problem()).isEqualTo(VerifyResult.Problem.BAD_HEADER))
                .satisfies(b -> assertThat(b.reason()).contains("not a chain file"));
    }

    @Test
    void createRefusesToOverwriteAnExistingFile() throws IOException {
        Path file = dir.resolve("actor.chain");
        writeChain(file, 2);

        assertThatThrownBy(() -> ChainWriter.create(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(ChainVerifier.verify(file).isIntact()).isTrue();
    }

    @Test
    void createMakesTheParentDirectories() throws IOException {
        Path file = ChainFile.pathFor(dir.resolve("home").resolve("chains"), "actor-1");

        writeChain(file, 1);

        assertThat(file).hasFileName("actor-1.chain").exists();
    }

    @Test
    void aFileHasOneWriterAtATime() throws IOException {
        Path file = dir.resolve("actor.chain");
        try (ChainWriter writer = ChainWriter.create(file)) {
            assertThatThrownBy(() -> ChainWriter.openForAppend(file))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("already open for writing in this JVM");
            assertThat(writer.length()).isZero();
        }
        ChainWriter.openForAppend(file).close();
    }

    @Test
    void aWriterRefusesEventsThatDoNotContinueItsChain() throws IOException {
        Path file = dir.resolve("actor.chain");
        List<ChainEvent> events = writeChain(file, 3);
        long size = Files.size(file);

        try (ChainWriter writer = ChainWriter.openForAppend(file)) {
            assertThatThrownBy(() -> writer.append(events.get(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expects seq 3 next but got 2");
            ChainEvent foreign = ChainEvents.compute(
                    3, ChainEvents.zeroHash(), "lifecycle", new byte[0], TickingClock.START, Optional.empty());
            assertThatThrownBy(() -> writer.append(foreign))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("belongs to another chain");
        }
        assertThat(Files.size(file)).isEqualTo(size);
    }

    @Test
    void aWriterThatCannotWriteFailsTheAppendThatFeedsIt() throws IOException {
        Path file = dir.resolve("actor.chain");
        Chain chain = new Chain(new TickingClock());
        ChainWriter writer = ChainWriter.create(file);
        chain.subscribe(writer);
        chain.append("lifecycle", new byte[0], null);
        writer.close();

        assertThatThrownBy(() -> chain.append("lifecycle", new byte[0], null))
                .isInstanceOf(ChainListenerException.class)
                .hasCauseInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("is closed");
        assertThat(chain.length()).isEqualTo(2);
        assertThat(ChainReader.read(file).events()).hasSize(1);
    }

    @Test
    void anInterruptedAppendingThreadNeitherClosesTheFileNorLosesItsInterrupt() throws IOException {
        Path file = dir.resolve("actor.chain");
        Chain chain = new Chain(new TickingClock());
        ChainWriter writer = ChainWriter.create(file);
        chain.subscribe(writer);
        chain.append("lifecycle", new byte[0], null);

        Thread.currentThread().interrupt();
        try {
            chain.append("host-call", new byte[] {1}, null);
            writer.sync();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        chain.append("lifecycle", new byte[0], null);
        writer.close();

        assertThat(ChainReader.read(file).events()).isEqualTo(chain.snapshot());
    }

    @Test
    void syncAndCloseKeepEverythingAppended() throws IOException {
        Path file = dir.resolve("actor.chain");
        Chain chain = new Chain(new TickingClock());
        ChainWriter writer = ChainWriter.create(file);
        chain.subscribe(writer);
        chain.append("lifecycle", new byte[0], null);
        writer.sync();
        assertThat(ChainReader.read(file).events()).isEqualTo(chain.snapshot());
        chain.append("lifecycle", new byte[0], null);
        writer.close();
        writer.close();

        assertThat(ChainReader.read(file).events()).isEqualTo(chain.snapshot());
        assertThatThrownBy(writer::sync).isInstanceOf(IOException.class).hasMessageContaining("is closed");
    }

    @Test
    void pathForRefusesActorIdsThatAreNotPlainFileNames() {
        for (String id : List.of("", "../x", "a/b", ".hidden", "a b")) {
            assertThatThrownBy(() -> ChainFile.pathFor(dir, id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("actor id '" + id + "' cannot name a chain file");
        }
        assertThat(ChainFile.pathFor(dir, "fetcher_1.v2")).isEqualTo(dir.resolve("fetcher_1.v2.chain"));
    }
}
