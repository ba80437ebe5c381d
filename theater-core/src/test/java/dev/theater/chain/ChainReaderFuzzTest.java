package dev.theater.chain;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target: any bytes in a chain file are read, verified or cut back to a torn tail without anything but an
 * {@link IOException} ({@link ChainFileException} for damage) escaping. Most inputs start with the real header, so
 * the fuzzer spends its time in the records. Its committed inputs run with the tests; {@code scripts/fuzz} fuzzes
 * it.
 */
class ChainReaderFuzzTest {
    private static final Path DIR = directory();

    private static Path directory() {
        try {
            Path dir = Files.createTempDirectory("chain-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void anyFileIsReadVerifiedAndCutWithoutAnUnexpectedException(FuzzedDataProvider data) throws IOException {
        boolean withHeader = data.consumeBoolean();
        boolean withHeadFile = data.consumeBoolean();
        String head = data.consumeString(200);
        byte[] rest = data.consumeRemainingAsBytes();
        ByteBuffer content = ByteBuffer.allocate((withHeader ? ChainFile.HEADER_BYTES : 0) + rest.length);
        if (withHeader) {
            content.put(ChainFile.header());
        }
        content.put(rest);
        Path file = DIR.resolve("actor.chain");
        Files.write(file, content.array());
        Path headFile = ChainHead.fileFor(file);
        if (withHeadFile) {
            Files.writeString(headFile, head);
        } else {
            Files.deleteIfExists(headFile);
        }
        try {
            ChainReader.read(file).verify();
        } catch (IOException expected) {
            // damage is a ChainFileException
        }
        ChainVerifier.verify(file);
        try {
            ChainHead.read(file);
        } catch (IOException expected) {
            // not a head file
        }
        try {
            ChainWriter.truncateTornTail(file);
        } catch (IOException expected) {
            // damaged elsewhere than at its tail
        }
    }
}
