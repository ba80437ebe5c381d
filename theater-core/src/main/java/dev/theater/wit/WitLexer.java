package dev.theater.wit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits WIT source text into tokens, each with its exact 1-based line and column (columns count Unicode code points;
 * a tab is one column). Whitespace, line comments ({@code //}, including {@code ///} doc comments) and block comments
 * (which nest) are dropped.
 * Identifiers are checked for kebab-case here, so a bad name is reported where it is written.
 */
final class WitLexer {

    /** The token kinds of the WIT subset. Keywords are {@link #IDENT} tokens; see {@link Token#isKeyword}. */
    enum Kind {
        IDENT,
        EQUALS,
        COMMA,
        COLON,
        SEMICOLON,
        LPAREN,
        RPAREN,
        LBRACE,
        RBRACE,
        LT,
        GT,
        ARROW,
        DOT,
        SLASH,
        STAR,
        UNDERSCORE,
        AT,
        VERSION,
        NUMBER,
        EOF
    }

    /** Words that are names only when escaped with {@code %} (the keyword set of the WIT grammar). */
    static final Set<String> KEYWORDS = Set.of(
            "use",
            "type",
            "func",
            "u8",
            "u16",
            "u32",
            "u64",
            "s8",
            "s16",
            "s32",
            "s64",
            "f32",
            "f64",
            "float32",
            "float64",
            "char",
            "bool",
            "string",
            "option",
            "result",
            "list",
            "tuple",
            "record",
            "variant",
            "enum",
            "flags",
            "resource",
            "own",
            "borrow",
            "future",
            "stream",
            "error-context",
            "as",
            "from",
            "static",
            "interface",
            "world",
            "import",
            "export",
            "package",
            "constructor",
            "include",
            "with",
            "async");

    /**
     * One token. {@code text} is the identifier without its {@code %}, the version without its {@code @}, or the
     * punctuation itself. {@code endLine}/{@code endColumn} is the position just after the token.
     */
    record Token(Kind kind, String text, boolean escaped, int line, int column, int endLine, int endColumn) {
        Token {
            requireNonNull(kind, "kind is null");
            requireNonNull(text, "text is null");
        }

        boolean isKeyword() {
            return kind == Kind.IDENT && !escaped && KEYWORDS.contains(text);
        }

        boolean isKeyword(String word) {
            return kind == Kind.IDENT && !escaped && text.equals(word);
        }

        /** How a message names this token: {@code '->'}, {@code 'get-chain'}, {@code keyword 'record'}. */
        String describe() {
            return switch (kind) {
                case EOF -> "end of file";
                case VERSION -> "version '@" + text + "'";
                case IDENT -> isKeyword() ? "keyword '" + text + "'" : "'" + (escaped ? "%" : "") + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    private final String file;
    private final String src;
    private int pos;
    private int line = 1;
    private int column = 1;

    private WitLexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    /** All tokens of {@code source}, ending with one {@link Kind#EOF} token. */
    static List<Token> tokenize(String file, String source) {
        requireNonNull(file, "file is null");
        requireNonNull(source, "source is null");
        return new WitLexer(file, source).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        if (src.startsWith("\uFEFF")) {
            pos = 1;
        }
        while (true) {
            skipTrivia();
            if (pos >= src.length()) {
                tokens.add(new Token(Kind.EOF, "", false, line, column, line, column));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipTrivia() {
        while (pos < src.length()) {
            int c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    advance();
                }
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int startLine = line;
        int startColumn = column;
        advance();
        advance();
        int depth = 1;
        while (depth > 0) {
            if (pos >= src.length()) {
                throw new WitParseException(
                        file,
                        startLine,
                        startColumn,
                        "unterminated block comment: the '/*' here has no matching '*/' before the end of the file;"
                                + " close it with '*/'");
            }
            if (src.charAt(pos) == '/' && peek(1) == '*') {
                advance();
                advance();
                depth++;
            } else if (src.charAt(pos) == '*' && peek(1) == '/') {
                advance();
                advance();
                depth--;
            } else {
                advance();
            }
        }
    }

    private Token next() {
        int startLine = line;
        int startColumn = column;
        int c = src.codePointAt(pos);
        Kind single =
                switch (c) {
                    case '=' -> Kind.EQUALS;
                    case ',' -> Kind.COMMA;
                    case ':' -> Kind.COLON;
                    case ';' -> Kind.SEMICOLON;
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '{' -> Kind.LBRACE;
                    case '}' -> Kind.RBRACE;
                    case '<' -> Kind.LT;
                    case '>' -> Kind.GT;
                    case '.' -> Kind.DOT;
                    case '/' -> Kind.SLASH;
                    case '*' -> Kind.STAR;
                    default -> null;
                };
        if (single != null) {
            advance();
            return token(single, Character.toString(c), false, startLine, startColumn);
        }
        if (c == '-' && peek(1) == '>') {
            advance();
            advance();
            return token(Kind.ARROW, "->", false, startLine, startColumn);
        }
        if (c == '@') {
            advance();
            if (pos < src.length() && isDigit(src.charAt(pos))) {
                return token(Kind.VERSION, version(), false, startLine, startColumn);
            }
            return token(Kind.AT, "@", false, startLine, startColumn);
        }
        if (c == '%') {
            advance();
            if (pos >= src.length() || !isIdentStart(src.charAt(pos))) {
                throw new WitParseException(
                        file,
                        startLine,
                        startColumn,
                        "'%' must be followed by an identifier (as in '%record'), found "
                                + (pos >= src.length() ? "end of file" : describeChar(src.codePointAt(pos))));
            }
            return token(Kind.IDENT, identifier(startLine, startColumn), true, startLine, startColumn);
        }
        if (c == '_' && !(pos + 1 < src.length() && isIdentPart(src.charAt(pos + 1)))) {
            advance();
            return token(Kind.UNDERSCORE, "_", false, startLine, startColumn);
        }
        if (isDigit(c)) {
            int start = pos;
            while (pos < src.length() && isDigit(src.charAt(pos))) {
                advance();
            }
            return token(Kind.NUMBER, src.substring(start, pos), false, startLine, startColumn);
        }
        if (isIdentStart(c)) {
            return token(Kind.IDENT, identifier(startLine, startColumn), false, startLine, startColumn);
        }
        throw new WitParseException(
                file,
                startLine,
                startColumn,
                "unexpected character " + describeChar(c)
                        + "; WIT uses kebab-case names, '{', '}', '(', ')', '<', '>', ',', ':', ';', '=', '.', '/', '->'"
                        + " and '@' versions");
    }

    private String identifier(int startLine, int startColumn) {
        int start = pos;
        while (pos < src.length() && isIdentPart(src.charAt(pos)) && !(src.charAt(pos) == '-' && peek(1) == '>')) {
            advance();
        }
        String id = src.substring(start, pos);
        String problem = kebabCaseProblem(id);
        if (problem != null) {
            throw new WitParseException(
                    file,
                    startLine,
                    startColumn,
                    "identifier '" + id + "' is not kebab-case: " + problem + "; write it as '" + toKebabCase(id)
                            + "'");
        }
        return id;
    }

    /** Semantic version text after {@code @}: digits, letters, '.', '-' and '+'; a '.' only before another part. */
    private String version() {
        int start = pos;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (isDigit(ch) || isLetter(ch) || ch == '-' || ch == '+') {
                advance();
            } else if (ch == '.' && pos + 1 < src.length() && (isDigit(peek(1)) || isLetter(peek(1)))) {
                advance();
            } else {
                break;
            }
        }
        return src.substring(start, pos);
    }

    /** Why {@code id} is not a valid WIT label (word or ACRONYM parts joined by '-'), or null when it is. */
    static String kebabCaseProblem(String id) {
        if (id.isEmpty()) {
            return "it is empty";
        }
        String[] parts = id.split("-", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return "it has an empty part between '-' characters";
            }
            if (!isLetter(part.charAt(0))) {
                return "each '-'-separated part must start with a letter, but '" + part + "' does not";
            }
            boolean lower = part.chars().allMatch(ch -> isDigit(ch) || (ch >= 'a' && ch <= 'z'));
            boolean upper = part.chars().allMatch(ch -> isDigit(ch) || (ch >= 'A' && ch <= 'Z'));
            if (!lower && !upper) {
                return "each '-'-separated part must be lowercase letters and digits (or an all-uppercase acronym),"
                        + " but '" + part + "' is not";
            }
        }
        return null;
    }

    /** A best-effort kebab-case spelling of {@code id}, for the fix in a message. */
    static String toKebabCase(String id) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (ch == '_' || ch == '-') {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
                    sb.append('-');
                }
            } else if (ch >= 'A' && ch <= 'Z') {
                char prev = i > 0 ? id.charAt(i - 1) : '-';
                if ((prev >= 'a' && prev <= 'z') || isDigit(prev)) {
                    sb.append('-');
                }
                sb.append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') {
            sb.setLength(sb.length() - 1);
        }
        while (sb.length() > 0 && !isLetter(sb.charAt(0))) {
            sb.deleteCharAt(0);
        }
        return sb.length() == 0 ? "name" : sb.toString();
    }

    private Token token(Kind kind, String text, boolean escaped, int startLine, int startColumn) {
        return new Token(kind, text, escaped, startLine, startColumn, line, column);
    }

    private void advance() {
        char ch = src.charAt(pos);
        if (ch == '\n') {
            line++;
            column = 1;
            pos++;
        } else if (ch == '\r') {
            pos++;
        } else {
            pos += Character.charCount(src.codePointAt(pos));
            column++;
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private static boolean isDigit(int ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean isLetter(int ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    private static boolean isIdentStart(int ch) {
        return isLetter(ch) || ch == '_';
    }

    private static boolean isIdentPart(int ch) {
        return isLetter(ch) || isDigit(ch) || ch == '-' || ch == '_';
    }

    private static String describeChar(int c) {
        String hex = String.format("U+%04X", c);
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? hex
                : "'" + new String(Character.toChars(c)) + "' (" + hex + ")";
    }
}
