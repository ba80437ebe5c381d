package dev.theater.abi;

import dev.theater.engine.ValType;
import dev.theater.spi.WitFlags;
import dev.theater.wit.WitType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code flags}: a bit vector, flag {@code i} at bit {@code i}. In memory one byte up to 8 flags, two up to 16, else
 * one i32 per 32 flags; flat, one i32 per 32 flags. Lifting refuses bits beyond the last flag (the spec ignores
 * them; Theater treats them as the guest bug they are).
 */
final class FlagsCodec extends Codec {
    private final String[] names;
    private final Map<String, Integer> index = new HashMap<>();
    private final int words;

    FlagsCodec(WitType.FlagsType type) {
        super(
                type,
                size(type.flags().size()),
                align(type.flags().size()),
                flat(type.flags().size()));
        this.names = type.flags().toArray(String[]::new);
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        this.words = words(names.length);
    }

    private static int words(int count) {
        return (count + 31) / 32;
    }

    private static int size(int count) {
        if (count == 0) {
            return 0;
        }
        if (count <= 8) {
            return 1;
        }
        return count <= 16 ? 2 : 4 * words(count);
    }

    private static int align(int count) {
        if (count <= 8) {
            return 1;
        }
        return count <= 16 ? 2 : 4;
    }

    private static ValType[] flat(int count) {
        ValType[] flat = new ValType[words(count)];
        Arrays.fill(flat, ValType.I32);
        return flat;
    }

    @Override
    void store(Lowering cx, Object value, ByteBuffer buf, int off) {
        int[] bits = bits(value);
        switch (size) {
            case 0 -> {}
            case 1 -> buf.put(off, (byte) bits[0]);
            case 2 -> buf.putShort(off, (short) bits[0]);
            default -> {
                for (int i = 0; i < words; i++) {
                    buf.putInt(off + 4 * i, bits[i]);
                }
            }
        }
    }

    @Override
    void lowerFlat(Lowering cx, Object value, long[] out, int at) {
        int[] bits = bits(value);
        for (int i = 0; i < words; i++) {
            out[at + i] = bits[i];
        }
    }

    @Override
    Object load(Lifting cx, ByteBuffer buf, int off) {
        int[] bits = new int[words];
        switch (size) {
            case 0 -> {}
            case 1 -> bits[0] = Byte.toUnsignedInt(buf.get(off));
            case 2 -> bits[0] = Short.toUnsignedInt(buf.getShort(off));
            default -> {
                for (int i = 0; i < words; i++) {
                    bits[i] = buf.getInt(off + 4 * i);
                }
            }
        }
        return build(bits);
    }

    @Override
    Object liftFlat(Lifting cx, long[] in, int at) {
        int[] bits = new int[words];
        for (int i = 0; i < words; i++) {
            bits[i] = (int) in[at + i];
        }
        return build(bits);
    }

    private Object build(int[] bits) {
        if (words > 0) {
            int used = names.length - 32 * (words - 1);
            int extra = used == 32 ? 0 : bits[words - 1] & (-1 << used);
            if (extra != 0) {
                throw new Fault(
                        AbiException.Rule.FLAGS,
                        String.format(Locale.ROOT, "flags %s with bits 0x%08x set", type.witName(), extra)
                                + " beyond its " + names.length + " flags",
                        "flags must not set bits beyond the type's flags");
            }
        }
        Set<String> set = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            if ((bits[i >>> 5] & (1 << (i & 31))) != 0) {
                set.add(names[i]);
            }
        }
        return new WitFlags(set);
    }

    private int[] bits(Object value) {
        if (!(value instanceof WitFlags flags)) {
            throw Fault.javaType(this, value);
        }
        int[] bits = new int[words];
        for (String name : flags.set()) {
            Integer i = index.get(name);
            if (i == null) {
                throw Fault.javaValue("the flag '" + name + "', which flags " + type.witName()
                        + " does not have (its flags: " + String.join(", ", names) + ")");
            }
            bits[i >>> 5] |= 1 << (i & 31);
        }
        return bits;
    }

    @Override
    String javaType() {
        return "dev.theater.spi.WitFlags";
    }
}
