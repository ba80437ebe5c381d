package dev.theater.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.runtime.Memory;
import dev.theater.engine.GuestMemory;
import dev.theater.engine.WasmException;

/**
 * A guest's linear memory seen by the host. Addresses are the guest's unsigned 32-bit pointers; every access is
 * checked against the current size before it reaches Chicory's memory.
 */
final class ChicoryMemory implements GuestMemory {
    private final Memory memory;

    /** {@code memory} is null when the module defines none: the memory is then empty. */
    ChicoryMemory(Memory memory) {
        this.memory = memory;
    }

    @Override
    public long size() {
        return memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
    }

    @Override
    public byte readByte(int address) {
        check(address, 1);
        return memory.read(address);
    }

    @Override
    public short readShort(int address) {
        check(address, 2);
        return memory.readShort(address);
    }

    @Override
    public int readInt(int address) {
        check(address, 4);
        return memory.readInt(address);
    }

    @Override
    public long readLong(int address) {
        check(address, 8);
        return memory.readLong(address);
    }

    @Override
    public byte[] read(int address, int length) {
        check(address, length);
        return memory.readBytes(address, length);
    }

    @Override
    public void writeByte(int address, byte value) {
        check(address, 1);
        memory.writeByte(address, value);
    }

    @Override
    public void writeShort(int address, short value) {
        check(address, 2);
        memory.writeShort(address, value);
    }

    @Override
    public void writeInt(int address, int value) {
        check(address, 4);
        memory.writeI32(address, value);
    }

    @Override
    public void writeLong(int address, long value) {
        check(address, 8);
        memory.writeLong(address, value);
    }

    @Override
    public void write(int address, byte[] data) {
        requireNonNull(data, "data is null");
        check(address, data.length);
        memory.write(address, data);
    }

    private void check(int address, long length) {
        long start = Integer.toUnsignedLong(address);
        long size = size();
        if (length < 0 || start + length > size) {
            throw new WasmException.OutOfBounds(
                    "host access to guest memory out of bounds: address " + start + ", length " + length
                            + ", memory size " + size + " bytes"
                            + (memory == null ? " (the module defines no memory)" : "")
                            + "; an access must lie within [0, size)",
                    null);
        }
    }
}
