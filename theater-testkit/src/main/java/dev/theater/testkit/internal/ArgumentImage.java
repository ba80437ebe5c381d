package dev.theater.testkit.internal;

import dev.theater.abi.AbiLayout;
import dev.theater.abi.ExportFunction;
import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.GuestMemory;
import dev.theater.engine.WasmInstance;
import dev.theater.wit.WitFunction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of a host function call, lowered by the core's canonical ABI code as if into a guest whose memory
 * starts at {@code base}: the flat core values and the bytes they point into (strings, lists, spilled parameters).
 * The driver guest copies the bytes to {@code base}, so every pointer in them is valid there.
 */
record ArgumentImage(long[] flat, byte[] memory) {
    private static final String EXPORT = "testkit-arguments";

    /**
     * @throws IllegalArgumentException when an argument does not fit its WIT type, or the image is larger than {@code
     *     max}
     */
    static ArgumentImage lower(WitFunction function, List<Object> args, int base, int max) {
        WitFunction carrier = new WitFunction(EXPORT, function.params(), Optional.empty());
        ImageInstance instance = new ImageInstance(base, max);
        try {
            ExportFunction.of(EXPORT, carrier).call(instance, args);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot pass " + args + " to " + function.name()
                            + function.signature().substring(4) + ": " + e.getMessage(),
                    e);
        }
        return new ArgumentImage(instance.flat, instance.image());
    }

    /** How many flat values the function's parameters lower to (1 when they are passed in memory). */
    static int flatCount(WitFunction function) {
        int count = 0;
        for (var param : function.params()) {
            count += AbiLayout.flat(param.type()).size();
        }
        return count > AbiLayout.MAX_FLAT_PARAMS ? 1 : count;
    }

    /** A stand-in guest: {@code cabi_realloc} bump-allocates from {@code base}; the export records its arguments. */
    private static final class ImageInstance implements WasmInstance, GuestMemory {
        private final int base;
        private final int max;
        private byte[] bytes = new byte[256];
        private int used;
        private long[] flat;

        ImageInstance(int base, int max) {
            this.base = base;
            this.max = max;
        }

        byte[] image() {
            return Arrays.copyOf(bytes, used);
        }

        @Override
        public long[] call(String export, long... args) {
            if (export.equals("cabi_realloc")) {
                int align = (int) args[2];
                int size = (int) args[3];
                int start = (used + align - 1) & -align;
                if ((long) start + size > max) {
                    throw new IllegalArgumentException("the arguments take more than " + max
                            + " bytes of guest memory, the most the testkit's driver guest accepts");
                }
                used = start + size;
                if (used > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(used, bytes.length * 2));
                }
                return new long[] {base + start};
            }
            if (export.equals(EXPORT)) {
                flat = args.clone();
                return new long[0];
            }
            throw new IllegalStateException("unexpected call of " + export);
        }

        @Override
        public Optional<CoreFunctionType> exportType(String export) {
            return Optional.empty();
        }

        @Override
        public GuestMemory memory() {
            return this;
        }

        @Override
        public void interrupt() {}

        @Override
        public void clearInterrupt() {}

        @Override
        public void close() {}

        @Override
        public long size() {
            return (long) base + max;
        }

        private int at(int address, int length) {
            int offset = address - base;
            if (offset < 0 || offset + length > used) {
                throw new IllegalArgumentException("address " + address + " is outside the argument image");
            }
            return offset;
        }

        private ByteBuffer buffer(int address, int length) {
            return ByteBuffer.wrap(bytes, at(address, length), length).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public byte readByte(int address) {
            return bytes[at(address, 1)];
        }

        @Override
        public short readShort(int address) {
            return buffer(address, 2).getShort();
        }

        @Override
        public int readInt(int address) {
            return buffer(address, 4).getInt();
        }

        @Override
        public long readLong(int address) {
            return buffer(address, 8).getLong();
        }

        @Override
        public byte[] read(int address, int length) {
            int offset = at(address, length);
            return Arrays.copyOfRange(bytes, offset, offset + length);
        }

        @Override
        public void writeByte(int address, byte value) {
            bytes[at(address, 1)] = value;
        }

        @Override
        public void writeShort(int address, short value) {
            buffer(address, 2).putShort(value);
        }

        @Override
        public void writeInt(int address, int value) {
            buffer(address, 4).putInt(value);
        }

        @Override
        public void writeLong(int address, long value) {
            buffer(address, 8).putLong(value);
        }

        @Override
        public void write(int address, byte[] data) {
            System.arraycopy(data, 0, bytes, at(address, data.length), data.length);
        }
    }
}
