package dev.theater.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.theater.spi.ActorId;
import dev.theater.spi.WitEnum;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON writer of chain data, on Jackson's streaming generator: every event's {@code data} is written here.
 * Java values of WIT types are written by their type (documented in {@code docs/runtime.md}):
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
 * Strings are escaped as the chain format documents: {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t}, other
 * control characters as six-character escapes with lowercase hex (backslash, u, 00, two digits); an unpaired surrogate (possible only in host-side text, never in a
 * guest's UTF-8) becomes U+FFFD.
 *
 * <p>{@link #bounded} keeps chain events small: a value whose JSON is longer than {@link #INLINE_LIMIT} characters is
 * recorded as its digest, {@code {"$digest":{"json_chars":N,"sha256":"…"}}} (SHA-256 over the UTF-8 of the JSON it
 * replaces), so a guest that logs or sends megabytes cannot grow chains, and the heap that holds them, without bound.
 */
public final class WitJson {
    /** Longest JSON of one value recorded inline in a chain event (64 Ki characters). */
    public static final int INLINE_LIMIT = 64 * 1024;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    /** Set only for the rare string with a backspace or form feed: Jackson's custom-escape path is slower. */
    private static final CharacterEscapes CHAIN_ESCAPES = new ChainEscapes();

    private WitJson() {}

    /** What a caller of {@link #plain} throws for a value it cannot write. */
    @FunctionalInterface
    public interface Refusal {
        /**
         * @param value the value, or the map key, that is not plain data
         * @param mapKey whether it is a map key (which must be a String)
         */
        RuntimeException refuse(Object value, boolean mapKey);
    }

    /** What writes one JSON document. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /** The JSON document {@code body} writes. */
    public static String json(Body body) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing chain JSON to memory failed", e);
        }
        return out.toString();
    }

    /** {@code text} as a JSON string literal. */
    public static String string(String text) {
        return json(json -> string(json, text));
    }

    /** Writes {@code text} as a JSON string; an unpaired surrogate becomes U+FFFD. */
    public static void string(JsonGenerator json, String text) throws IOException {
        escaped(json, text, json::writeString);
    }

    /** Writes {@code name} as a field name, escaped as {@link #string} escapes values. */
    private static void field(JsonGenerator json, String name) throws IOException {
        escaped(json, name, json::writeFieldName);
    }

    /** How {@link #escaped} writes a string: as a value or as a field name. */
    @FunctionalInterface
    private interface Text {
        void write(String text) throws IOException;
    }

    private static void escaped(JsonGenerator json, String text, Text write) throws IOException {
        String s = wellFormed(text);
        boolean chainEscapes = s.indexOf('\b') >= 0 || s.indexOf('\f') >= 0;
        if (chainEscapes) {
            json.setCharacterEscapes(CHAIN_ESCAPES);
        }
        try {
            write.write(s);
        } finally {
            if (chainEscapes) {
                json.setCharacterEscapes(null);
            }
        }
    }

    /** An object of {@code fields}, whose values are JSON already (as {@link #string} or {@link #bounded} give). */
    public static String object(Map<String, String> fields) {
        return json(json -> {
            json.writeStartObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                field(json, field.getKey());
                json.writeRawValue(field.getValue());
            }
            json.writeEndObject();
        });
    }

    /** {@code value} as JSON, or its digest when the JSON is longer than {@link #INLINE_LIMIT}. */
    public static String bounded(WitType type, Object value) {
        return bounded(write(type, value));
    }

    /** {@code json} itself, or its digest when it is longer than {@link #INLINE_LIMIT}. */
    public static String bounded(String json) {
        if (json.length() <= INLINE_LIMIT) {
            return json;
        }
        String sha256 = Sha256.hex(json.getBytes(StandardCharsets.UTF_8));
        return "{\"$digest\":{\"json_chars\":" + json.length() + ",\"sha256\":\"" + sha256 + "\"}}";
    }

    public static String write(WitType type, Object value) {
        return json(json -> value(json, type, value));
    }

    /** Writes {@code value} of {@code type}. */
    public static void value(JsonGenerator json, WitType type, Object value) throws IOException {
        switch (type) {
            case WitType.Primitive p -> primitive(json, p, value);
            case WitType.ListType l -> list(json, l, value);
            case WitType.OptionType o -> option(json, o, value);
            case WitType.ResultType r -> result(json, r, value);
            case WitType.TupleType t -> tuple(json, t, value);
            case WitType.RecordType r -> record(json, r, value);
            case WitType.VariantType v -> variant(json, v, value);
            case WitType.EnumType e -> {
                if (value instanceof WitEnum en) {
                    string(json, en.caseName());
                } else {
                    mismatch(json, type, value);
                }
            }
            case WitType.FlagsType f -> {
                if (value instanceof WitFlags flags) {
                    json.writeStartArray();
                    for (String flag : f.flags()) {
                        if (flags.set().contains(flag)) {
                            string(json, flag);
                        }
                    }
                    json.writeEndArray();
                } else {
                    mismatch(json, type, value);
                }
            }
        }
    }

    /**
     * Writes a plain Java value: null, String, Boolean, integral and finite floating numbers, {@link ActorId} (as its
     * text), {@link Duration} (milliseconds), {@code byte[]} (base64), {@link Optional} (its value or null), and Lists
     * and Maps (String keys) of them. Anything else is refused with the exception {@code refuse} makes of it.
     */
    public static void plain(JsonGenerator json, Object value, Refusal refuse) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String s -> string(json, s);
            case ActorId id -> json.writeString(id.toString());
            case Boolean b -> json.writeBoolean(b);
            case Long n -> json.writeNumber(n);
            case Integer n -> json.writeNumber(n);
            case Short n -> json.writeNumber(n);
            case Byte n -> json.writeNumber(n);
            case Double d when Double.isFinite(d) -> json.writeNumber(d);
            case Float f when Float.isFinite(f) -> json.writeNumber(f);
            case Duration d -> json.writeNumber(d.toMillis());
            case byte[] bytes -> json.writeString(Base64.getEncoder().encodeToString(bytes));
            case Optional<?> o -> plain(json, o.orElse(null), refuse);
            case List<?> list -> {
                json.writeStartArray();
                for (Object element : list) {
                    plain(json, element, refuse);
                }
                json.writeEndArray();
            }
            case Map<?, ?> map -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw refuse.refuse(e.getKey(), true);
                    }
                    field(json, key);
                    plain(json, e.getValue(), refuse);
                }
                json.writeEndObject();
            }
            default -> throw refuse.refuse(value, false);
        }
    }

    private static void primitive(JsonGenerator json, WitType.Primitive type, Object value) throws IOException {
        Object plain = plainPrimitive(type, value);
        switch (plain) {
            case null -> mismatch(json, type, value);
            case Boolean b -> json.writeBoolean(b);
            case Long n -> json.writeNumber(n);
            case Float f when Float.isFinite(f) -> json.writeNumber(f);
            case Double d when Double.isFinite(d) -> json.writeNumber(d);
            case Float f -> json.writeString(Double.toString(f)); // NaN, Infinity: no JSON number for them
            case Double d -> json.writeString(Double.toString(d));
            case Unsigned u -> json.writeNumber(u.digits());
            case String text -> string(json, text);
            default -> mismatch(json, type, value);
        }
    }

    /** A u64 above {@code Long.MAX_VALUE}, as its decimal digits. */
    private record Unsigned(String digits) {}

    /**
     * {@code value} as the plain Java value its JSON is written from: a Boolean, a Long (integers, unsigned ones read
     * unsigned), a Float or Double, an {@link Unsigned}, or a String (char, string); {@code null} when it does not
     * fit {@code type}.
     */
    private static Object plainPrimitive(WitType.Primitive type, Object value) {
        return switch (type) {
            case BOOL -> value instanceof Boolean ? value : null;
            case S8, S16, S32, S64 ->
                value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                        ? ((Number) value).longValue()
                        : null;
            case U8 -> value instanceof Byte b ? (long) Byte.toUnsignedInt(b) : null;
            case U16 -> value instanceof Short n ? (long) Short.toUnsignedInt(n) : null;
            case U32 -> value instanceof Integer n ? Integer.toUnsignedLong(n) : null;
            case U64 -> value instanceof Long n ? (n >= 0 ? n : new Unsigned(Long.toUnsignedString(n))) : null;
            case F32, F64 -> value instanceof Float || value instanceof Double ? value : null;
            case CHAR -> value instanceof Integer cp && Character.isValidCodePoint(cp) ? Character.toString(cp) : null;
            case STRING -> value instanceof String ? value : null;
        };
    }

    private static void list(JsonGenerator json, WitType.ListType type, Object value) throws IOException {
        if (type.element() == WitType.Primitive.U8 && value instanceof byte[] bytes) {
            json.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                value(json, type.element(), element);
            }
            json.writeEndArray();
        } else {
            mismatch(json, type, value);
        }
    }

    private static void option(JsonGenerator json, WitType.OptionType type, Object value) throws IOException {
        if (!(value instanceof Optional<?> optional)) {
            mismatch(json, type, value);
        } else if (optional.isEmpty()) {
            json.writeNull();
        } else if (type.inner() instanceof WitType.OptionType) {
            json.writeStartObject();
            json.writeFieldName("some");
            value(json, type.inner(), optional.get());
            json.writeEndObject();
        } else {
            value(json, type.inner(), optional.get());
        }
    }

    private static void result(JsonGenerator json, WitType.ResultType type, Object value) throws IOException {
        if (!(value instanceof WitResult<?, ?> result)) {
            mismatch(json, type, value);
            return;
        }
        Optional<WitType> side = result.isOk() ? type.ok() : type.err();
        json.writeStartObject();
        json.writeFieldName(result.isOk() ? "ok" : "err");
        if (side.isPresent()) {
            value(json, side.get(), result.value());
        } else {
            json.writeNull();
        }
        json.writeEndObject();
    }

    private static void tuple(JsonGenerator json, WitType.TupleType type, Object value) throws IOException {
        if (!(value instanceof WitTuple tuple)
                || tuple.elements().size() != type.elements().size()) {
            mismatch(json, type, value);
            return;
        }
        json.writeStartArray();
        for (int i = 0; i < type.elements().size(); i++) {
            value(json, type.elements().get(i), tuple.get(i));
        }
        json.writeEndArray();
    }

    private static void record(JsonGenerator json, WitType.RecordType type, Object value) throws IOException {
        if (!(value instanceof WitRecord record)) {
            mismatch(json, type, value);
            return;
        }
        json.writeStartObject();
        for (WitType.Field field : type.fields()) {
            json.writeFieldName(field.name());
            value(json, field.type(), record.get(field.name()));
        }
        json.writeEndObject();
    }

    private static void variant(JsonGenerator json, WitType.VariantType type, Object value) throws IOException {
        if (!(value instanceof WitVariant variant)) {
            mismatch(json, type, value);
            return;
        }
        Optional<WitType.Case> match = type.cases().stream()
                .filter(c -> c.name().equals(variant.caseName()))
                .findFirst();
        if (match.isEmpty()) {
            mismatch(json, type, value);
            return;
        }
        json.writeStartObject();
        json.writeFieldName(variant.caseName());
        if (match.get().payload().isPresent()) {
            value(json, match.get().payload().get(), variant.payload());
        } else {
            json.writeNull();
        }
        json.writeEndObject();
    }

    private static void mismatch(JsonGenerator json, WitType type, Object value) throws IOException {
        json.writeString("<not a " + type.witName() + ": "
                + (value == null ? "null" : value.getClass().getSimpleName()) + ">");
    }

    /** {@code text} with every unpaired surrogate replaced by U+FFFD; {@code text} itself when it has none. */
    private static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i)) && !pairedAt(text, i)) {
                StringBuilder out = new StringBuilder(text.length());
                for (int j = 0; j < text.length(); j++) {
                    char c = text.charAt(j);
                    out.append(Character.isSurrogate(c) && !pairedAt(text, j) ? '\uFFFD' : c);
                }
                return out.toString();
            }
        }
        return text;
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /**
     * JSON's standard escapes, except that backspace and form feed are written as six-character escapes
     * like the other control characters: the chain format fixed that before the writer moved to Jackson, and chain
     * hashes cover these bytes.
     */
    private static final class ChainEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;

        private final int[] escapes = standardAsciiEscapesForJSON();

        ChainEscapes() {
            escapes['\b'] = ESCAPE_STANDARD;
            escapes['\f'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
