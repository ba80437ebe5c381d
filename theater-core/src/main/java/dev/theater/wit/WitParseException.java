package dev.theater.wit;

import static java.util.Objects.requireNonNull;

/**
 * A WIT source that does not parse or resolve. The message reads {@code file:line:column: what was found, what was
 * expected}.
 */
public final class WitParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    public WitParseException(String file, int line, int column, String problem) {
        super(requireNonNull(file, "file is null") + ":" + line + ":" + column + ": "
                + requireNonNull(problem, "problem is null"));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    /** 1-based line. */
    public int line() {
        return line;
    }

    /** 1-based column. */
    public int column() {
        return column;
    }
}
