package dev.theater.abi;

import dev.theater.engine.ValType;
import dev.theater.wit.WitType.Primitive;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * bool, the integers, f32, f64 and char. Narrow integers lifted from flat {@code i32}s keep only their own bits, and
 * a bool is true for any non-zero value, as the spec says. Floats travel as raw bits, so every NaN keeps its bit
 * pattern (the spec lets a host canonicalise NaNs; Theater does not, so a value survives a round trip exactly).
 */
final class ScalarCodec extends Codec {
    private final Primitive kind;

    ScalarCodec(Primitive kind) {
        super(kind, size(kind), size(kind), new ValType[] {flat(kind)});
        this.kind = kind;
    }

    private static int size(Primitive kind) {
        return switch (kind) {
            case BOOL, S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32, F32, CHAR -> 4;
            case S64, U64, F64 -> 8;
            case STRING -> throw new IllegalArgumentException("string is not a scalar");
        };
    }

    private static ValType flat(Primitive kind) {
        return switch (kind) {
            case S64, U64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            default -> ValType.I32;
        };
    }

    @Override
    void store(Lowering cx, Object value, ByteBuffer buf, int off) {
        switch (kind) {
            case BOOL -> buf.put(off, (byte) (bool(value) ? 1 : 0));
            case S8, U8 -> buf.put(off, int8(value));
            case S16, U16 -> buf.putShort(off, int16(value));
            case S32, U32 -> buf.putInt(off, int32(value));
            case S64, U64 -> buf.putLong(off, int64(value));
            case F32 -> buf.putInt(off, Float.floatToRawIntBits(float32(value)));
            case F64 -> buf.putLong(off, Double.doubleToRawLongBits(float64(value)));
            case CHAR -> buf.putInt(off, lowerChar(value));
            case STRING -> throw new IllegalStateException("string is not a scalar");
        }
    }

    @Override
    void lowerFlat(Lowering cx, Object value, long[] out, int at) {
        out[at] = switch (kind) {
            case BOOL -> bool(value) ? 1 : 0;
            case S8 -> int8(value);
            case U8 -> int8(value) & 0xFF;
            case S16 -> int16(value);
            case U16 -> int16(value) & 0xFFFF;
            case S32, U32 -> int32(value);
            case S64, U64 -> int64(value);
            case F32 -> Integer.toUnsignedLong(Float.floatToRawIntBits(float32(value)));
            case F64 -> Double.doubleToRawLongBits(float64(value));
            case CHAR -> lowerChar(value);
            case STRING -> throw new IllegalStateException("string is not a scalar");
        };
    }

    @Override
    Object load(Lifting cx, ByteBuffer buf, int off) {
        return switch (kind) {
            case BOOL -> buf.get(off) != 0;
            case S8, U8 -> Byte.valueOf(buf.get(off));
            case S16, U16 -> Short.valueOf(buf.getShort(off));
            case S32, U32 -> Integer.valueOf(buf.getInt(off));
            case S64, U64 -> Long.valueOf(buf.getLong(off));
            case F32 -> Float.valueOf(Float.intBitsToFloat(buf.getInt(off)));
            case F64 -> Double.valueOf(Double.longBitsToDouble(buf.getLong(off)));
            case CHAR -> liftChar(buf.getInt(off));
            case STRING -> throw new IllegalStateException("string is not a scalar");
        };
    }

    @Override
    Object liftFlat(Lifting cx, long[] in, int at) {
        long x = in[at];
        return switch (kind) {
            case BOOL -> (int) x != 0;
            case S8, U8 -> Byte.valueOf((byte) x);
            case S16, U16 -> Short.valueOf((short) x);
            case S32, U32 -> Integer.valueOf((int) x);
            case S64, U64 -> Long.valueOf(x);
            case F32 -> Float.valueOf(Float.intBitsToFloat((int) x));
            case F64 -> Double.valueOf(Double.longBitsToDouble(x));
            case CHAR -> liftChar((int) x);
            case STRING -> throw new IllegalStateException("string is not a scalar");
        };
    }

    @Override
    String javaType() {
        return switch (kind) {
            case BOOL -> "java.lang.Boolean";
            case S8, U8 -> "java.lang.Byte";
            case S16, U16 -> "java.lang.Short";
            case S32, U32 -> "java.lang.Integer";
            case S64, U64 -> "java.lang.Long";
            case F32 -> "java.lang.Float";
            case F64 -> "java.lang.Double";
            case CHAR -> "java.lang.Integer (a Unicode scalar value)";
            case STRING -> "java.lang.String";
        };
    }

    private boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw Fault.javaType(this, value);
    }

    private byte int8(Object value) {
        if (value instanceof Byte b) {
            return b;
        }
        throw Fault.javaType(this, value);
    }

    private short int16(Object value) {
        if (value instanceof Short s) {
            return s;
        }
        throw Fault.javaType(this, value);
    }

    private int int32(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        throw Fault.javaType(this, value);
    }

    private long int64(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        throw Fault.javaType(this, value);
    }

    private float float32(Object value) {
        if (value instanceof Float f) {
            return f;
        }
        throw Fault.javaType(this, value);
    }

    private double float64(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        throw Fault.javaType(this, value);
    }

    private int lowerChar(Object value) {
        if (!(value instanceof Integer i)) {
            throw Fault.javaType(this, value);
        }
        if (!isScalarValue(i)) {
            throw Fault.javaValue("the char " + hexChar(i) + ", which is not a Unicode scalar value");
        }
        return i;
    }

    private static Integer liftChar(int codePoint) {
        if (!isScalarValue(codePoint)) {
            throw new Fault(
                    AbiException.Rule.CHAR,
                    "a char " + hexChar(codePoint) + ", which is not a Unicode scalar value",
                    "a char must be a Unicode scalar value: at most 0x10FFFF and not a surrogate (0xD800-0xDFFF)");
        }
        return codePoint;
    }

    static boolean isScalarValue(int codePoint) {
        return Integer.compareUnsigned(codePoint, 0x110000) < 0 && (codePoint < 0xD800 || codePoint > 0xDFFF);
    }

    private static String hexChar(int codePoint) {
        return "0x" + Integer.toHexString(codePoint).toUpperCase(Locale.ROOT);
    }
}
