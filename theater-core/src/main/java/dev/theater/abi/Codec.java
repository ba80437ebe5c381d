package dev.theater.abi;

import dev.theater.engine.ValType;
import dev.theater.wit.WitType;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * How one WIT type crosses the boundary: its size, alignment and flat core types, and the four conversions between
 * Java values, memory and flat core values. Built once per type by {@link Codecs} and shared; immutable.
 *
 * <p>Memory conversions work on a host copy of one block of guest memory (a {@link ByteBuffer} in little-endian
 * order at an offset), so a record, list or return area is read or written with one memory access. Flat values use
 * the {@link ValType} encoding of the engine SPI.
 */
abstract class Codec {
    final WitType type;
    final int size;
    final int align;
    final ValType[] flat;
    final List<ValType> flatTypes;

    Codec(WitType type, int size, int align, ValType[] flat) {
        this.type = type;
        this.size = size;
        this.align = align;
        this.flat = flat.clone();
        this.flatTypes = List.of(flat);
    }

    /** Writes {@code value} at {@code off} of {@code buf}; strings and lists inside are allocated in the guest. */
    abstract void store(Lowering cx, Object value, ByteBuffer buf, int off);

    /** Writes the {@code flat.length} flat values of {@code value} to {@code out} from {@code at}. */
    abstract void lowerFlat(Lowering cx, Object value, long[] out, int at);

    abstract Object load(Lifting cx, ByteBuffer buf, int off);

    abstract Object liftFlat(Lifting cx, long[] in, int at);

    /** The Java type values of this WIT type have, for messages. */
    abstract String javaType();

    static int alignTo(int offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }
}
