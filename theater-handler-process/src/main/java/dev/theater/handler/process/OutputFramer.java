package dev.theater.handler.process;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts one output stream into the messages of its {@link OutputMode}. Not thread-safe: one framer per stream, fed by
 * that stream's pump.
 */
sealed interface OutputFramer permits OutputFramer.Raw, OutputFramer.Lines, OutputFramer.Chunks {
    /** The longest line delivered as one message; a longer line arrives in pieces of this size. */
    int MAX_LINE_BYTES = 1 << 20;

    /** Takes {@code len} bytes read from the stream and emits every message they complete. */
    void accept(byte[] bytes, int off, int len, Consumer<byte[]> out);

    /** The stream ended (or was cut): emits what is left as a last message, if anything. */
    void finish(Consumer<byte[]> out);

    /** Every read is one message. */
    final class Raw implements OutputFramer {
        @Override
        public void accept(byte[] bytes, int off, int len, Consumer<byte[]> out) {
            if (len > 0) {
                out.accept(Arrays.copyOfRange(bytes, off, off + len));
            }
        }

        @Override
        public void finish(Consumer<byte[]> out) {}
    }

    /** One message per line, without its line end; blank lines skipped when {@code skipBlank}. */
    final class Lines implements OutputFramer {
        private final boolean skipBlank;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(boolean skipBlank) {
            this.skipBlank = skipBlank;
        }

        @Override
        public void accept(byte[] bytes, int off, int len, Consumer<byte[]> out) {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i - start);
                    emit(true, out);
                    start = i + 1;
                } else if (line.size() + (i + 1 - start) >= MAX_LINE_BYTES) {
                    line.write(bytes, start, i + 1 - start);
                    emit(false, out);
                    start = i + 1;
                }
            }
            line.write(bytes, start, end - start);
        }

        @Override
        public void finish(Consumer<byte[]> out) {
            if (line.size() > 0) {
                emit(true, out);
            }
        }

        private void emit(boolean lineEnd, Consumer<byte[]> out) {
            byte[] message = line.toByteArray();
            line.reset();
            if (lineEnd && message.length > 0 && message[message.length - 1] == '\r') {
                message = Arrays.copyOf(message, message.length - 1);
            }
            if (skipBlank && isBlank(message)) {
                return;
            }
            out.accept(message);
        }

        private static boolean isBlank(byte[] message) {
            for (byte b : message) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Messages of exactly {@code size} bytes; the rest at the end. */
    final class Chunks implements OutputFramer {
        private final byte[] chunk;
        private int filled;

        Chunks(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("size must be >= 1, was " + size);
            }
            this.chunk = new byte[size];
        }

        @Override
        public void accept(byte[] bytes, int off, int len, Consumer<byte[]> out) {
            int i = off;
            int end = off + len;
            while (i < end) {
                int n = Math.min(end - i, chunk.length - filled);
                System.arraycopy(bytes, i, chunk, filled, n);
                filled += n;
                i += n;
                if (filled == chunk.length) {
                    out.accept(chunk.clone());
                    filled = 0;
                }
            }
        }

        @Override
        public void finish(Consumer<byte[]> out) {
            if (filled > 0) {
                out.accept(Arrays.copyOf(chunk, filled));
                filled = 0;
            }
        }
    }
}
