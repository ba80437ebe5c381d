package dev.theater.abi;

import dev.theater.engine.ValType;
import dev.theater.spi.WitEnum;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Variants, and what the spec defines as variants: enum (cases without payloads), option ({@code none}, {@code
 * some}) and result ({@code ok}, {@code err}). In memory: the discriminant (u8 up to 256 cases, u16 up to 65,536,
 * else u32), then the payload at the largest payload alignment. Flat: an i32 discriminant, then the payload types of
 * all cases joined position by position (equal types stay, i32 with f32 is i32, anything else i64); a payload is
 * reinterpreted into the joined type (floats by their bits, i32 zero-extended into i64) and unused positions are 0.
 */
final class VariantCodec extends Codec {
    enum Shape {
        VARIANT,
        ENUM,
        OPTION,
        RESULT
    }

    private final Shape shape;
    private final String[] cases;
    private final Codec[] payloads;
    private final String[] segments;
    private final Map<String, Integer> index;
    private final WitEnum[] enumValues;
    private final int discriminantSize;
    private final int payloadOffset;

    private VariantCodec(WitType type, Shape shape, String[] cases, Codec[] payloads, String[] segments) {
        super(type, size(cases.length, payloads), align(cases.length, payloads), flat(payloads));
        this.shape = shape;
        this.cases = cases;
        this.payloads = payloads;
        this.segments = segments;
        this.index = new HashMap<>();
        for (int i = 0; i < cases.length; i++) {
            index.put(cases[i], i);
        }
        this.enumValues = new WitEnum[shape == Shape.ENUM ? cases.length : 0];
        for (int i = 0; i < enumValues.length; i++) {
            enumValues[i] = new WitEnum(cases[i]);
        }
        this.discriminantSize = discriminantSize(cases.length);
        this.payloadOffset = alignTo(discriminantSize, maxPayloadAlign(payloads));
    }

    static VariantCodec variant(WitType.VariantType type, List<Codec> payloads) {
        String[] names = type.cases().stream().map(WitType.Case::name).toArray(String[]::new);
        String[] segments = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            segments[i] = "." + names[i];
        }
        return new VariantCodec(type, Shape.VARIANT, names, payloads.toArray(Codec[]::new), segments);
    }

    static VariantCodec enumeration(WitType.EnumType type) {
        String[] names = type.cases().toArray(String[]::new);
        return new VariantCodec(type, Shape.ENUM, names, new Codec[names.length], new String[names.length]);
    }

    static VariantCodec option(WitType.OptionType type, Codec some) {
        String[] cases = {"none", "some"};
        String[] segments = {".none", ".some"};
        return new VariantCodec(type, Shape.OPTION, cases, new Codec[] {null, some}, segments);
    }

    static VariantCodec result(WitType.ResultType type, Codec ok, Codec err) {
        String[] cases = {"ok", "err"};
        String[] segments = {".ok", ".err"};
        return new VariantCodec(type, Shape.RESULT, cases, new Codec[] {ok, err}, segments);
    }

    static int discriminantSize(int caseCount) {
        if (caseCount <= 1 << 8) {
            return 1;
        }
        return caseCount <= 1 << 16 ? 2 : 4;
    }

    private static int maxPayloadAlign(Codec[] payloads) {
        int align = 1;
        for (Codec payload : payloads) {
            if (payload != null) {
                align = Math.max(align, payload.align);
            }
        }
        return align;
    }

    private static int align(int caseCount, Codec[] payloads) {
        return Math.max(discriminantSize(caseCount), maxPayloadAlign(payloads));
    }

    private static int size(int caseCount, Codec[] payloads) {
        int size = alignTo(discriminantSize(caseCount), maxPayloadAlign(payloads));
        int maxPayload = 0;
        for (Codec payload : payloads) {
            if (payload != null) {
                maxPayload = Math.max(maxPayload, payload.size);
            }
        }
        return alignTo(size + maxPayload, align(caseCount, payloads));
    }

    private static ValType[] flat(Codec[] payloads) {
        List<ValType> joined = new ArrayList<>();
        for (Codec payload : payloads) {
            if (payload == null) {
                continue;
            }
            for (int i = 0; i < payload.flat.length; i++) {
                if (i < joined.size()) {
                    joined.set(i, join(joined.get(i), payload.flat[i]));
                } else {
                    joined.add(payload.flat[i]);
                }
            }
        }
        joined.add(0, ValType.I32);
        return joined.toArray(ValType[]::new);
    }

    static ValType join(ValType a, ValType b) {
        if (a == b) {
            return a;
        }
        if ((a == ValType.I32 && b == ValType.F32) || (a == ValType.F32 && b == ValType.I32)) {
            return ValType.I32;
        }
        return ValType.I64;
    }

    @Override
    void store(Lowering cx, Object value, ByteBuffer buf, int off) {
        int c = caseOf(value);
        switch (discriminantSize) {
            case 1 -> buf.put(off, (byte) c);
            case 2 -> buf.putShort(off, (short) c);
            default -> buf.putInt(off, c);
        }
        Codec payload = payloads[c];
        if (payload != null) {
            try {
                payload.store(cx, payloadOf(value), buf, off + payloadOffset);
            } catch (Fault f) {
                throw f.at(segments[c]);
            }
        }
    }

    @Override
    void lowerFlat(Lowering cx, Object value, long[] out, int at) {
        int c = caseOf(value);
        out[at] = c;
        Codec payload = payloads[c];
        int used = 0;
        if (payload != null) {
            try {
                payload.lowerFlat(cx, payloadOf(value), out, at + 1);
            } catch (Fault f) {
                throw f.at(segments[c]);
            }
            used = payload.flat.length;
            for (int i = 0; i < used; i++) {
                out[at + 1 + i] = coerce(out[at + 1 + i], payload.flat[i], flat[1 + i]);
            }
        }
        for (int i = 1 + used; i < flat.length; i++) {
            out[at + i] = 0;
        }
    }

    /** Reinterprets a flat value of type {@code have} as the joined type {@code want}. */
    private static long coerce(long value, ValType have, ValType want) {
        if (have == want) {
            return value;
        }
        return switch (want) {
            case I32 -> (int) value;
            case I64 -> (have == ValType.I32 || have == ValType.F32) ? value & 0xFFFF_FFFFL : value;
            default -> value;
        };
    }

    @Override
    Object load(Lifting cx, ByteBuffer buf, int off) {
        long discriminant =
                switch (discriminantSize) {
                    case 1 -> Byte.toUnsignedLong(buf.get(off));
                    case 2 -> Short.toUnsignedLong(buf.getShort(off));
                    default -> Integer.toUnsignedLong(buf.getInt(off));
                };
        int c = checkCase(discriminant);
        Codec payload = payloads[c];
        Object value = null;
        if (payload != null) {
            try {
                value = payload.load(cx, buf, off + payloadOffset);
            } catch (Fault f) {
                throw f.at(segments[c]);
            }
        }
        return build(c, value);
    }

    @Override
    Object liftFlat(Lifting cx, long[] in, int at) {
        int c = checkCase(in[at] & 0xFFFF_FFFFL);
        Codec payload = payloads[c];
        Object value = null;
        if (payload != null) {
            // A payload reads its own positions with its own types: 32-bit types take the low bits of a joined
            // i64 and floats take the bits of a joined integer, which is the spec's reinterpretation.
            try {
                value = payload.liftFlat(cx, in, at + 1);
            } catch (Fault f) {
                throw f.at(segments[c]);
            }
        }
        return build(c, value);
    }

    private int checkCase(long discriminant) {
        if (discriminant >= cases.length) {
            throw new Fault(
                    AbiException.Rule.DISCRIMINANT,
                    "the discriminant " + discriminant + " for " + kind() + " " + type.witName() + ", which has "
                            + cases.length + " cases",
                    "a discriminant must name one of the type's cases");
        }
        return (int) discriminant;
    }

    private String kind() {
        return switch (shape) {
            case VARIANT -> "variant";
            case ENUM -> "enum";
            case OPTION, RESULT -> "type";
        };
    }

    private Object build(int c, Object payload) {
        return switch (shape) {
            case VARIANT -> new WitVariant(cases[c], payload);
            case ENUM -> enumValues[c];
            case OPTION -> c == 0 ? Optional.empty() : Optional.of(payload);
            case RESULT -> c == 0 ? WitResult.ok(payload) : WitResult.err(payload);
        };
    }

    private int caseOf(Object value) {
        String name;
        switch (shape) {
            case VARIANT -> {
                if (!(value instanceof WitVariant variant)) {
                    throw Fault.javaType(this, value);
                }
                name = variant.caseName();
            }
            case ENUM -> {
                if (!(value instanceof WitEnum e)) {
                    throw Fault.javaType(this, value);
                }
                name = e.caseName();
            }
            case OPTION -> {
                if (!(value instanceof Optional<?> option)) {
                    throw Fault.javaType(this, value);
                }
                return option.isPresent() ? 1 : 0;
            }
            case RESULT -> {
                if (!(value instanceof WitResult<?, ?> result)) {
                    throw Fault.javaType(this, value);
                }
                return checkNoPayload(result.isOk() ? 0 : 1, result.value());
            }
            default -> throw new IllegalStateException("unknown shape " + shape);
        }
        Integer c = index.get(name);
        if (c == null) {
            throw Fault.javaValue("the case '" + name + "', which " + kind() + " " + type.witName()
                    + " does not have (its cases: " + String.join(", ", cases) + ")");
        }
        return shape == Shape.VARIANT ? checkNoPayload(c, ((WitVariant) value).payload()) : c;
    }

    private int checkNoPayload(int c, Object payload) {
        if (payloads[c] == null && payload != null) {
            throw Fault.javaValue("a " + payload.getClass().getTypeName() + " as the payload of case '" + cases[c]
                            + "', which has none (use null)")
                    .at(segments[c]);
        }
        return c;
    }

    private Object payloadOf(Object value) {
        return switch (value) {
            case WitVariant variant -> variant.payload();
            case Optional<?> option -> option.orElse(null);
            case WitResult<?, ?> result -> result.value();
            default -> throw new IllegalStateException("no payload in " + value.getClass());
        };
    }

    @Override
    String javaType() {
        return switch (shape) {
            case VARIANT -> "dev.theater.spi.WitVariant";
            case ENUM -> "dev.theater.spi.WitEnum";
            case OPTION -> "java.util.Optional";
            case RESULT -> "dev.theater.spi.WitResult";
        };
    }
}
