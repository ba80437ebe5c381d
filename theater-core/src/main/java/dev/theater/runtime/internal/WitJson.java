package dev.theater.runtime.internal;

import dev.theater.spi.WitEnum;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes Java values of WIT types as JSON, for the data of chain events (documented in {@code docs/runtime.md}):
 *
 * <ul>
 *   <li>bool, integers and floats as JSON numbers and booleans; unsigned types as their unsigned reading; NaN and
 *       infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}
 *   <li>char and string as JSON strings
 *   <li>{@code list<u8>} as a base64 string (RFC 4648, padded); other lists as arrays
 *   <li>{@code option}: none as {@code null}, some as the value ({@code {"some": v}} when the inner type is itself an
 *       option, so none and some(none) stay distinct)
 *   <li>{@code result}: {@code {"ok": v}} or {@code {"err": v}}, {@code null} for a side without payload
 *   <li>tuple as an array, record as an object in field order, variant as {@code {"case": payload-or-null}}, enum as
 *       the case name, flags as an array of the names that are set
 * </ul>
 *
 * <p>A value that does not match its type is written as a string describing it rather than failing: the chain
 * records what happened, even when a handler returned the wrong thing (the ABI reports that error separately).
 *
 * <p>{@link #bounded} keeps chain events small: a value whose JSON is longer than {@link #INLINE_LIMIT} characters is
 * recorded as its digest, {@code {"$digest":{"json_chars":N,"sha256":"…"}}} (SHA-256 over the UTF-8 of the JSON it
 * replaces), so a guest that logs or sends megabytes cannot grow chains, and the heap that holds them, without bound.
 */
public final class WitJson {
    /** Longest JSON of one value recorded inline in a chain event (64 Ki characters). */
    public static final int INLINE_LIMIT = 64 * 1024;

    private WitJson() {}

    /** {@code value} as JSON, or its digest when the JSON is longer than {@link #INLINE_LIMIT}. */
    public static String bounded(WitType type, Object value) {
        return bounded(write(type, value));
    }

    /** {@code json} itself, or its digest when it is longer than {@link #INLINE_LIMIT}. */
    public static String bounded(String json) {
        if (json.length() <= INLINE_LIMIT) {
            return json;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return "{\"$digest\":{\"json_chars\":" + json.length() + ",\"sha256\":\""
                    + HexFormat.of().formatHex(digest) + "\"}}";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String write(WitType type, Object value) {
        StringBuilder out = new StringBuilder();
        value(out, type, value);
        return out.toString();
    }

    /** Appends {@code value} of {@code type} to {@code out}. */
    public static void value(StringBuilder out, WitType type, Object value) {
        switch (type) {
            case WitType.Primitive p -> primitive(out, p, value);
            case WitType.ListType l -> list(out, l, value);
            case WitType.OptionType o -> option(out, o, value);
            case WitType.ResultType r -> result(out, r, value);
            case WitType.TupleType t -> tuple(out, t, value);
            case WitType.RecordType r -> record(out, r, value);
            case WitType.VariantType v -> variant(out, v, value);
            case WitType.EnumType e -> {
                if (value instanceof WitEnum en) {
                    string(out, en.caseName());
                } else {
                    mismatch(out, type, value);
                }
            }
            case WitType.FlagsType f -> {
                if (value instanceof WitFlags flags) {
                    out.append('[');
                    boolean first = true;
                    for (String flag : f.flags()) {
                        if (flags.set().contains(flag)) {
                            out.append(first ? "" : ",");
                            string(out, flag);
                            first = false;
                        }
                    }
                    out.append(']');
                } else {
                    mismatch(out, type, value);
                }
            }
        }
    }

    private static void primitive(StringBuilder out, WitType.Primitive type, Object value) {
        switch (type) {
            case BOOL -> {
                if (value instanceof Boolean b) {
                    out.append(b.booleanValue());
                    return;
                }
            }
            case S8, S16, S32, S64 -> {
                if (value instanceof Byte
                        || value instanceof Short
                        || value instanceof Integer
                        || value instanceof Long) {
                    out.append(((Number) value).longValue());
                    return;
                }
            }
            case U8 -> {
                if (value instanceof Byte b) {
                    out.append(Byte.toUnsignedInt(b));
                    return;
                }
            }
            case U16 -> {
                if (value instanceof Short s) {
                    out.append(Short.toUnsignedInt(s));
                    return;
                }
            }
            case U32 -> {
                if (value instanceof Integer i) {
                    out.append(Integer.toUnsignedLong(i));
                    return;
                }
            }
            case U64 -> {
                if (value instanceof Long l) {
                    out.append(Long.toUnsignedString(l));
                    return;
                }
            }
            case F32, F64 -> {
                if (value instanceof Float || value instanceof Double) {
                    double d = ((Number) value).doubleValue();
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        string(out, Double.toString(d));
                    } else if (value instanceof Float f) {
                        out.append(f.floatValue());
                    } else {
                        out.append(d);
                    }
                    return;
                }
            }
            case CHAR -> {
                if (value instanceof Integer cp && Character.isValidCodePoint(cp)) {
                    string(out, Character.toString(cp));
                    return;
                }
            }
            case STRING -> {
                if (value instanceof String s) {
                    string(out, s);
                    return;
                }
            }
        }
        mismatch(out, type, value);
    }

    private static void list(StringBuilder out, WitType.ListType type, Object value) {
        if (type.element() == WitType.Primitive.U8 && value instanceof byte[] bytes) {
            out.append('"').append(Base64.getEncoder().encodeToString(bytes)).append('"');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(out, type.element(), list.get(i));
            }
            out.append(']');
        } else {
            mismatch(out, type, value);
        }
    }

    private static void option(StringBuilder out, WitType.OptionType type, Object value) {
        if (!(value instanceof Optional<?> optional)) {
            mismatch(out, type, value);
        } else if (optional.isEmpty()) {
            out.append("null");
        } else if (type.inner() instanceof WitType.OptionType) {
            out.append("{\"some\":");
            value(out, type.inner(), optional.get());
            out.append('}');
        } else {
            value(out, type.inner(), optional.get());
        }
    }

    private static void result(StringBuilder out, WitType.ResultType type, Object value) {
        if (!(value instanceof WitResult result)) {
            mismatch(out, type, value);
            return;
        }
        Optional<WitType> side = result.isOk() ? type.ok() : type.err();
        out.append(result.isOk() ? "{\"ok\":" : "{\"err\":");
        if (side.isPresent()) {
            value(out, side.get(), result.value());
        } else {
            out.append("null");
        }
        out.append('}');
    }

    private static void tuple(StringBuilder out, WitType.TupleType type, Object value) {
        if (!(value instanceof WitTuple tuple)
                || tuple.elements().size() != type.elements().size()) {
            mismatch(out, type, value);
            return;
        }
        out.append('[');
        for (int i = 0; i < type.elements().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(out, type.elements().get(i), tuple.get(i));
        }
        out.append(']');
    }

    private static void record(StringBuilder out, WitType.RecordType type, Object value) {
        if (!(value instanceof WitRecord record)) {
            mismatch(out, type, value);
            return;
        }
        out.append('{');
        boolean first = true;
        for (WitType.Field field : type.fields()) {
            out.append(first ? "" : ",");
            first = false;
            string(out, field.name());
            out.append(':');
            value(out, field.type(), record.get(field.name()));
        }
        out.append('}');
    }

    private static void variant(StringBuilder out, WitType.VariantType type, Object value) {
        if (!(value instanceof WitVariant variant)) {
            mismatch(out, type, value);
            return;
        }
        Optional<WitType.Case> match = type.cases().stream()
                .filter(c -> c.name().equals(variant.caseName()))
                .findFirst();
        if (match.isEmpty()) {
            mismatch(out, type, value);
            return;
        }
        out.append('{');
        string(out, variant.caseName());
        out.append(':');
        if (match.get().payload().isPresent()) {
            value(out, match.get().payload().get(), variant.payload());
        } else {
            out.append("null");
        }
        out.append('}');
    }

    private static void mismatch(StringBuilder out, WitType type, Object value) {
        string(
                out,
                "<not a " + type.witName() + ": "
                        + (value == null ? "null" : value.getClass().getSimpleName()) + ">");
    }

    /** Appends {@code text} as a JSON string literal. */
    public static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogateAt(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogateAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** Appends a JSON object from alternating keys and already-encoded JSON values. */
    static String object(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            string(out, e.getKey());
            out.append(':').append(e.getValue());
        }
        return out.append('}').toString();
    }
}
