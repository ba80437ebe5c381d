package dev.theater.abi;

import dev.theater.engine.ValType;
import dev.theater.wit.WitType;
import java.nio.ByteBuffer;

/** {@code list<u8>} as {@code byte[]}: copied in one piece each way. */
final class BytesCodec extends Codec {

    BytesCodec(WitType.ListType type) {
        super(type, 8, 4, new ValType[] {ValType.I32, ValType.I32});
    }

    @Override
    void store(Lowering cx, Object value, ByteBuffer buf, int off) {
        byte[] bytes = bytes(value);
        long ptr = cx.allocate(1, bytes.length, Lowering.Block.BYTES, bytes.length);
        cx.write(ptr, bytes);
        buf.putInt(off, (int) ptr);
        buf.putInt(off + 4, bytes.length);
    }

    @Override
    void lowerFlat(Lowering cx, Object value, long[] out, int at) {
        byte[] bytes = bytes(value);
        long ptr = cx.allocate(1, bytes.length, Lowering.Block.BYTES, bytes.length);
        cx.write(ptr, bytes);
        out[at] = (int) ptr;
        out[at + 1] = bytes.length;
    }

    @Override
    Object load(Lifting cx, ByteBuffer buf, int off) {
        return cx.bytes(Integer.toUnsignedLong(buf.getInt(off)), Integer.toUnsignedLong(buf.getInt(off + 4)));
    }

    @Override
    Object liftFlat(Lifting cx, long[] in, int at) {
        return cx.bytes(in[at] & 0xFFFF_FFFFL, in[at + 1] & 0xFFFF_FFFFL);
    }

    @Override
    String javaType() {
        return "byte[]";
    }

    private byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw Fault.javaType(this, value);
    }
}
