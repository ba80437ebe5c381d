package dev.theater.engine.wasmtime;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.ValType;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Val;
import java.util.List;

/**
 * Converts between the engine SPI's {@code long} encoding of core values ({@link ValType}) and wasmtime-java's
 * {@link Val}.
 *
 * <p>Floats cross JNI as Java {@code float} and {@code double}, and Rust converts them with {@code to_bits} and
 * {@code from_bits}. Neither step is arithmetic, so on x86_64 quiet and signalling NaNs survive bit for bit (the
 * engine tests check it, also after JIT warm-up); Cranelift's NaN canonicalisation stays off. An f32 comes back
 * sign-extended from its 32 raw bits, like an i32 (as the Chicory engine does).
 */
final class Values {
    private Values() {}

    static Val toVal(ValType type, long value) {
        return switch (type) {
            case I32 -> Val.fromI32((int) value);
            case I64 -> Val.fromI64(value);
            case F32 -> Val.fromF32(Float.intBitsToFloat((int) value));
            case F64 -> Val.fromF64(Double.longBitsToDouble(value));
        };
    }

    static long toLong(Val value) {
        return switch (value.getType()) {
            case I32 -> value.i32();
            case I64 -> value.i64();
            case F32 -> Float.floatToRawIntBits(value.f32());
            case F64 -> Double.doubleToRawLongBits(value.f64());
            default ->
                throw new IllegalStateException(
                        "Wasmtime passed a " + value.getType() + " value, which the engine SPI cannot express");
        };
    }

    static FuncType funcType(CoreFunctionType type) {
        return new FuncType(types(type.params()), types(type.results()));
    }

    private static Val.Type[] types(List<ValType> types) {
        Val.Type[] result = new Val.Type[types.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = switch (types.get(i)) {
                case I32 -> Val.Type.I32;
                case I64 -> Val.Type.I64;
                case F32 -> Val.Type.F32;
                case F64 -> Val.Type.F64;
            };
        }
        return result;
    }
}
