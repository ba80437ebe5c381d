package dev.theater.handler.process;

import dev.theater.spi.WitVariant;

/** The cases of the WIT variant {@code output-mode}: how a process's output is cut into calls to the actor. */
enum OutputMode {
    /** Bytes as they arrive: one call per read of at most {@code buffer-size} bytes. */
    RAW("raw"),
    /** One call per line, without its line end ({@code \n} or {@code \r\n}); empty lines included. */
    LINE_BY_LINE("line-by-line"),
    /** Newline-delimited JSON: like {@link #LINE_BY_LINE}, but blank lines are skipped; lines are not parsed. */
    JSON("json"),
    /** Calls of exactly {@code chunk-size} bytes; the last one at the end of the stream may be shorter. */
    CHUNKED("chunked");

    private final String witName;

    OutputMode(String witName) {
        this.witName = witName;
    }

    String witName() {
        return witName;
    }

    static OutputMode of(WitVariant value, String field) throws ProcessRefusal {
        for (OutputMode mode : values()) {
            if (mode.witName.equals(value.caseName())) {
                return mode;
            }
        }
        throw new ProcessRefusal(
                "process-config." + field + " is " + value + ", not an output-mode (raw, line-by-line, json, chunked)");
    }

    /** A fresh framer for one stream in this mode. */
    OutputFramer framer(int chunkSize) {
        return switch (this) {
            case RAW -> new OutputFramer.Raw();
            case LINE_BY_LINE -> new OutputFramer.Lines(false);
            case JSON -> new OutputFramer.Lines(true);
            case CHUNKED -> new OutputFramer.Chunks(chunkSize);
        };
    }
}
