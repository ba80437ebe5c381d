package dev.theater.cli;

/**
 * Makes text from a guest safe to print on an operator's terminal. A guest chooses its log lines, error messages and
 * payloads; printed raw, an escape sequence could clear the screen, move the cursor, set the window title or, after
 * a carriage return, overwrite a line with a fake one ("chain verified intact"). Every character a terminal acts on
 * instead of showing is written as an escape: {@code \n}, {@code \r}, {@code \t}, or {@code \}{@code uXXXX}.
 */
final class TerminalText {
    private TerminalText() {}

    /**
     * {@code text} with C0 and C1 control characters, DEL, line and paragraph separators and the bidirectional
     * formatting characters (which can reorder what a line appears to say) escaped.
     */
    static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** {@link #escape} line by line: for a message of several lines, whose line ends are kept. */
    static String escapeLines(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = escape(lines[i]);
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028'
                || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e'
                || c == '\u200f'
                || c == '\u061c';
    }
}
