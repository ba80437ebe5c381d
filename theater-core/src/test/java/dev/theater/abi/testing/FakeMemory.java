package dev.theater.abi.testing;

import dev.theater.engine.GuestMemory;
import dev.theater.engine.WasmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A guest memory in a {@code byte[]}, little-endian, bounds-checked like a real one. */
public final class FakeMemory implements GuestMemory {
    private byte[] bytes;

    public FakeMemory(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        this.bytes = new byte[size];
    }

    @Override
    public long size() {
        return bytes.length;
    }

    /** Grows the memory by {@code delta} zero bytes, as {@code memory.grow} would. */
    public void grow(int delta) {
        bytes = Arrays.copyOf(bytes, Math.addExact(bytes.length, delta));
    }

    @Override
    public byte readByte(int address) {
        check(address, 1);
        return bytes[address];
    }

    @Override
    public short readShort(int address) {
        check(address, 2);
        return (short) ((bytes[address] & 0xFF) | (bytes[address + 1] & 0xFF) << 8);
    }

    @Override
    public int readInt(int address) {
        check(address, 4);
        return (readShort(address) & 0xFFFF) | (readShort(address + 2) & 0xFFFF) << 16;
    }

    @Override
    public long readLong(int address) {
        check(address, 8);
        return (readInt(address) & 0xFFFF_FFFFL) | ((long) readInt(address + 4)) << 32;
    }

    @Override
    public byte[] read(int address, int length) {
        check(address, length);
        return Arrays.copyOfRange(bytes, address, address + length);
    }

    @Override
    public void writeByte(int address, byte value) {
        check(address, 1);
        bytes[address] = value;
    }

    @Override
    public void writeShort(int address, short value) {
        check(address, 2);
        bytes[address] = (byte) value;
        bytes[address + 1] = (byte) (value >> 8);
    }

    @Override
    public void writeInt(int address, int value) {
        check(address, 4);
        writeShort(address, (short) value);
        writeShort(address + 2, (short) (value >> 16));
    }

    @Override
    public void writeLong(int address, long value) {
        check(address, 8);
        writeInt(address, (int) value);
        writeInt(address + 4, (int) (value >> 32));
    }

    @Override
    public void write(int address, byte[] data) {
        check(address, data.length);
        System.arraycopy(data, 0, bytes, address, data.length);
    }

    /** {@code length} bytes at {@code address} as lower-case hex without separators. */
    public String hex(int address, int length) {
        return HexFormat.of().formatHex(read(address, length));
    }

    private void check(int address, int length) {
        if (address < 0 || length < 0 || (long) address + length > bytes.length) {
            throw new WasmException.OutOfBounds(
                    "access of " + length + " bytes at " + Integer.toUnsignedString(address)
                            + " is outside guest memory of " + bytes.length + " bytes",
                    null);
        }
    }
}
