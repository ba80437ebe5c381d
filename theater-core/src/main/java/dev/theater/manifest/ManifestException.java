package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

/**
 * A manifest that cannot be read or is not valid. The message reads {@code file[:line:column]: key: problem}, e.g.
 * {@code hello.toml:6:1: limits.memory: expected a size in bytes such as 16777216 or "16MiB", found "16 potatoes"}; an
 * unknown key reads {@code hello.toml:3:1: unknown key 'compnent'; known keys: ...; did you mean 'component'?}.
 * The line and column are there when the TOML parser knows where the key is.
 */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String key;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param file the manifest file as the user named it
     * @param key the dotted key the problem is about ({@code limits.memory}, {@code handler[2].type}), or {@code ""}
     *     when it is about the whole file (unreadable, TOML syntax)
     * @param line 1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param problem what was expected and what was found, and the fix
     */
    public ManifestException(String file, String key, int line, int column, String problem) {
        this(file, key, line, column, problem, true);
    }

    private ManifestException(String file, String key, int line, int column, String problem, boolean keyPrefix) {
        super(location(file, line, column) + ": "
                + (keyPrefix && !requireNonNull(key, "key is null").isEmpty() ? key + ": " : "")
                + requireNonNull(problem, "problem is null"));
        this.file = file;
        this.key = requireNonNull(key, "key is null");
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** An error whose problem text names the key itself, so the message does not repeat it as a prefix. */
    static ManifestException namingKey(String file, String key, int line, int column, String problem) {
        return new ManifestException(file, key, line, column, problem, false);
    }

    /** The manifest file as the user named it, e.g. {@code hello.toml}. */
    public String file() {
        return file;
    }

    /** The dotted key, e.g. {@code limits.memory} or {@code handler[2].type}; {@code ""} for the whole file. */
    public String key() {
        return key;
    }

    /** 1-based line of the key, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the key, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the location and the key prefix. */
    public String problem() {
        return problem;
    }

    private static String location(String file, int line, int column) {
        requireNonNull(file, "file is null");
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
