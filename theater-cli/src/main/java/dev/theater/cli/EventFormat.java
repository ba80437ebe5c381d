package dev.theater.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How the CLI prints chain events: one line for people, or one JSON object per line for programs. A line escapes
 * every control character of the event ({@link TerminalText}), since a guest chose much of its content.
 */
final class EventFormat {
    private static final int TEXT_LIMIT = 240;

    private EventFormat() {}

    /** {@code #3  9f2c…  host-call  2026-11-21T06:12:00.123456Z  {"interface":…}}. */
    static String line(
            long seq, String hashHex, String type, Instant timestamp, byte[] data, Optional<String> description) {
        StringBuilder sb = new StringBuilder();
        sb.append('#')
                .append(seq)
                .append("  ")
                .append(hashHex, 0, 12)
                .append("  ")
                .append(type)
                .append("  ");
        sb.append(timestamp);
        description.ifPresent(d -> sb.append("  ").append(TerminalText.escape(d)));
        if (data.length > 0) {
            String text = utf8(data).orElseGet(() -> "0x" + HexFormat.of().formatHex(data));
            sb.append("  ")
                    .append(TerminalText.escape(
                            text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) + "…" : text));
        }
        return sb.toString();
    }

    /** One JSON object; data as {@code data} (UTF-8 text) or {@code data_hex} when it is not text. */
    static String json(
            long seq,
            String hashHex,
            String parentHashHex,
            String type,
            Instant timestamp,
            byte[] data,
            Optional<String> description) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"seq\":").append(seq);
        sb.append(",\"hash\":").append(quote(hashHex));
        sb.append(",\"parent_hash\":").append(quote(parentHashHex));
        sb.append(",\"event_type\":").append(quote(type));
        sb.append(",\"timestamp\":").append(quote(timestamp.toString()));
        description.ifPresent(d -> sb.append(",\"description\":").append(quote(d)));
        Optional<String> text = utf8(data);
        if (text.isPresent()) {
            sb.append(",\"data\":").append(quote(text.get()));
        } else {
            sb.append(",\"data_hex\":").append(quote(HexFormat.of().formatHex(data)));
        }
        return sb.append('}').toString();
    }

    static Optional<String> utf8(byte[] data) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
