package dev.theater.abi;

import dev.theater.engine.ValType;
import dev.theater.wit.WitType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code string}: a pointer and a byte length, UTF-8 only. Lowering refuses a Java string with an unpaired surrogate
 * (it has no UTF-8 form); lifting decodes strictly and refuses malformed bytes instead of replacing them.
 */
final class StringCodec extends Codec {

    StringCodec() {
        super(WitType.Primitive.STRING, 8, 4, new ValType[] {ValType.I32, ValType.I32});
    }

    @Override
    void store(Lowering cx, Object value, ByteBuffer buf, int off) {
        byte[] utf8 = utf8(value);
        long ptr = cx.allocate(1, utf8.length, Lowering.Block.STRING, utf8.length);
        cx.write(ptr, utf8);
        buf.putInt(off, (int) ptr);
        buf.putInt(off + 4, utf8.length);
    }

    @Override
    void lowerFlat(Lowering cx, Object value, long[] out, int at) {
        byte[] utf8 = utf8(value);
        long ptr = cx.allocate(1, utf8.length, Lowering.Block.STRING, utf8.length);
        cx.write(ptr, utf8);
        out[at] = (int) ptr;
        out[at + 1] = utf8.length;
    }

    @Override
    Object load(Lifting cx, ByteBuffer buf, int off) {
        return cx.string(Integer.toUnsignedLong(buf.getInt(off)), Integer.toUnsignedLong(buf.getInt(off + 4)));
    }

    @Override
    Object liftFlat(Lifting cx, long[] in, int at) {
        return cx.string(in[at] & 0xFFFF_FFFFL, in[at + 1] & 0xFFFF_FFFFL);
    }

    @Override
    String javaType() {
        return "java.lang.String";
    }

    private byte[] utf8(Object value) {
        if (!(value instanceof String s)) {
            throw Fault.javaType(this, value);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw Fault.javaValue("a java.lang.String with an unpaired surrogate U+"
                            + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at index " + i
                            + ", which has no UTF-8 form");
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
