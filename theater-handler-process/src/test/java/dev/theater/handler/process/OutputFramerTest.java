package dev.theater.handler.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How each output mode cuts a stream, independent of how the bytes were split into reads. */
class OutputFramerTest {
    /** Feeds {@code text} in reads of {@code readSize} bytes, then ends the stream; returns the messages. */
    static List<String> frame(OutputFramer framer, String text, int readSize) {
        byte[] bytes = text.getBytes(UTF_8);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += readSize) {
            int n = Math.min(readSize, bytes.length - i);
            framer.accept(bytes, i, n, m -> out.add(new String(m, UTF_8)));
        }
        framer.finish(m -> out.add(new String(m, UTF_8)));
        return out;
    }

    @Test
    void linesDoNotDependOnHowTheStreamWasRead() {
        String text = "alpha\nbeta\r\n\ngamma";
        for (int readSize = 1; readSize <= text.length(); readSize++) {
            assertThat(frame(new OutputFramer.Lines(false), text, readSize))
                    .as("reads of %d bytes", readSize)
                    .containsExactly("alpha", "beta", "", "gamma");
        }
    }

    @Test
    void jsonLinesSkipBlankLines() {
        assertThat(frame(new OutputFramer.Lines(true), "{}\n \t\n\n[1]\n", 3)).containsExactly("{}", "[1]");
    }

    @Test
    void aLineLongerThanTheMaximumArrivesInPieces() {
        String longLine = "x".repeat(OutputFramer.MAX_LINE_BYTES + 10);

        List<String> messages = frame(new OutputFramer.Lines(false), longLine + "\nnext\n", 4096);

        assertThat(messages).extracting(String::length).containsExactly(OutputFramer.MAX_LINE_BYTES, 10, 4);
    }

    @Test
    void chunksHaveTheChunkSizeWhateverTheReads() {
        String text = "abcdefghijklmnopq";
        for (int readSize = 1; readSize <= text.length(); readSize++) {
            assertThat(frame(new OutputFramer.Chunks(5), text, readSize))
                    .as("reads of %d bytes", readSize)
                    .containsExactly("abcde", "fghij", "klmno", "pq");
        }
    }

    @Test
    void rawDeliversEachRead() {
        assertThat(frame(new OutputFramer.Raw(), "abcdefg", 3)).containsExactly("abc", "def", "g");
        byte[] empty = new byte[0];
        List<byte[]> none = new ArrayList<>();
        new OutputFramer.Raw().accept(empty, 0, 0, none::add);
        assertThat(none).isEmpty();
        assertThat(Arrays.asList(OutputMode.values()))
                .extracting(OutputMode::witName)
                .containsExactly("raw", "line-by-line", "json", "chunked");
    }
}
