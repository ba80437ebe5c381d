package dev.theater.manifest;

import java.util.Optional;

/**
 * Measures how deeply a TOML text nests arrays and inline tables, before the TOML parser sees it: the parser
 * recurses once per level, so a few thousand {@code [} would overflow its stack. Strings (basic, literal and both
 * multi-line forms) and comments are skipped, so brackets inside them do not count.
 */
final class TomlNesting {
    /** The deepest nesting a manifest may have; real manifests need two or three levels. */
    static final int MAX_DEPTH = 64;

    /** Where the text first nests deeper than the limit. */
    record TooDeep(int line, int column, String key) {}

    private TomlNesting() {}

    /** The first place where {@code text} nests deeper than {@code maxDepth}, if any. */
    static Optional<TooDeep> check(String text, int maxDepth) {
        int depth = 0;
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                boolean multi = text.startsWith(c == '"' ? "\"\"\"" : "'''", i);
                int end = skipString(text, i, c, multi);
                for (int j = i; j < end; j++) {
                    if (text.charAt(j) == '\n') {
                        line++;
                        lineStart = j + 1;
                    }
                }
                i = end;
            } else if (c == '[' || c == '{') {
                depth++;
                if (depth > maxDepth) {
                    return Optional.of(new TooDeep(line, i - lineStart + 1, keyOfLine(text, lineStart)));
                }
                i++;
            } else if (c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
                i++;
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    /** The index just after the string that starts at {@code start}, or the end of the text if it never closes. */
    private static int skipString(String text, int start, char quote, boolean multi) {
        int n = text.length();
        int i = start + (multi ? 3 : 1);
        while (i < n) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (!multi) {
                    return i + 1;
                }
                if (text.startsWith(quote == '"' ? "\"\"\"" : "'''", i)) {
                    // Up to two more quotes may belong to the string's content ("""a"""" ends with a quote).
                    int end = i + 3;
                    while (end < n && end < i + 5 && text.charAt(end) == quote) {
                        end++;
                    }
                    return end;
                }
                i++;
            } else if (c == '\n' && !multi) {
                return i; // an unterminated one-line string: the TOML parser reports it
            } else {
                i++;
            }
        }
        return n;
    }

    /** The key written at the start of the line, {@code d} in {@code d = [[[...}, or "" when there is none. */
    private static String keyOfLine(String text, int lineStart) {
        int eq = text.indexOf('=', lineStart);
        int newline = text.indexOf('\n', lineStart);
        if (eq < 0 || (newline >= 0 && newline < eq)) {
            return "";
        }
        String key = text.substring(lineStart, eq).strip();
        return key.length() <= 64 && key.matches("[A-Za-z0-9_.\"' -]+") ? key : "";
    }
}
