package dev.theater.abi;

import dev.theater.engine.ValType;
import dev.theater.wit.WitType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.List;

/** {@code list<T>} (other than {@code list<u8>}) as a {@link List}: a pointer to the elements and their count. */
final class ListCodec extends Codec {
    /** The largest list block the host builds in one {@code byte[]}. */
    private static final long MAX_BLOCK = Integer.MAX_VALUE - 8;

    private final Codec element;

    ListCodec(WitType.ListType type, Codec element) {
        super(type, 8, 4, new ValType[] {ValType.I32, ValType.I32});
        this.element = element;
    }

    @Override
    void store(Lowering cx, Object value, ByteBuffer buf, int off) {
        List<?> list = list(value);
        long ptr = lower(cx, list);
        buf.putInt(off, (int) ptr);
        buf.putInt(off + 4, list.size());
    }

    @Override
    void lowerFlat(Lowering cx, Object value, long[] out, int at) {
        List<?> list = list(value);
        long ptr = lower(cx, list);
        out[at] = (int) ptr;
        out[at + 1] = list.size();
    }

    private long lower(Lowering cx, List<?> list) {
        int count = list.size();
        long bytes = (long) count * element.size;
        if (bytes > MAX_BLOCK) {
            throw Fault.javaValue(
                    "a list of " + count + " elements (" + bytes + " bytes), more than a guest memory can hold");
        }
        long ptr = cx.allocate(element.align, bytes, Lowering.Block.LIST, count);
        ByteBuffer block = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        Iterator<?> it = list.iterator();
        for (int i = 0; i < count; i++) {
            try {
                element.store(cx, it.next(), block, i * element.size);
            } catch (Fault f) {
                throw f.at("[" + i + "]");
            }
        }
        cx.write(ptr, block.array());
        return ptr;
    }

    @Override
    Object load(Lifting cx, ByteBuffer buf, int off) {
        return lift(cx, Integer.toUnsignedLong(buf.getInt(off)), Integer.toUnsignedLong(buf.getInt(off + 4)));
    }

    @Override
    Object liftFlat(Lifting cx, long[] in, int at) {
        return lift(cx, in[at] & 0xFFFF_FFFFL, in[at + 1] & 0xFFFF_FFFFL);
    }

    private List<Object> lift(Lifting cx, long ptr, long length) {
        ByteBuffer block = cx.list(ptr, length, element);
        Object[] values = new Object[(int) length];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = element.load(cx, block, i * element.size);
            } catch (Fault f) {
                throw f.at("[" + i + "]");
            }
        }
        return List.of(values);
    }

    @Override
    String javaType() {
        return "java.util.List";
    }

    private List<?> list(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw Fault.javaType(this, value);
    }
}
