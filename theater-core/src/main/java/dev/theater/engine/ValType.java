package dev.theater.engine;

/**
 * A core wasm value type. Values cross the engine SPI as {@code long}: i32 sign-extended, i64 as is, f32 as
 * {@link Float#floatToRawIntBits} in the low 32 bits, f64 as {@link Double#doubleToRawLongBits}.
 */
public enum ValType {
    I32,
    I64,
    F32,
    F64
}
