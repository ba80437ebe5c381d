package dev.theater.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.GuestMemory;
import dev.theater.engine.WasmException;
import io.github.kawamuray.wasmtime.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The exported memory of a {@link WasmtimeInstance}, read and written through a direct {@link ByteBuffer} over
 * Wasmtime's linear memory.
 *
 * <p>Only guest code grows memory, and a grown memory may move, so after guest code has run (a call returned, or the
 * guest called a host function) the size is read again (a JNI call) on the next access, and the buffer replaced if the
 * size changed. {@link #size()} is exact except on a thread asking while another thread runs a call: that thread
 * gets the size last seen, rather than waiting for the call.
 */
final class WasmtimeMemory implements GuestMemory {
    private final WasmtimeInstance owner;
    private Memory memory;
    /** Used by the thread that calls the instance; {@link #size()} may drop it from another thread. */
    private volatile ByteBuffer buffer;

    private volatile boolean stale;
    private volatile long size;

    WasmtimeMemory(WasmtimeInstance owner) {
        this.owner = requireNonNull(owner, "owner is null");
    }

    void attach(Memory exported) {
        this.memory = requireNonNull(exported, "exported is null");
        refreshSize();
    }

    /** Guest code has run and may have grown the memory. */
    void markStale() {
        stale = true;
    }

    /** Reads the current size; drops the buffer if the memory grew. */
    void refreshSize() {
        if (memory == null) {
            return;
        }
        stale = false;
        long current = memory.dataSize(owner.store());
        ByteBuffer previous = buffer;
        if (previous != null && previous.capacity() != current) {
            buffer = null;
        }
        size = current;
    }

    @Override
    public long size() {
        if (stale) {
            owner.ifNoOtherCallRuns(this::refreshSize);
        }
        return size;
    }

    @Override
    public byte readByte(int address) {
        return checked(address, Byte.BYTES).get(address);
    }

    @Override
    public short readShort(int address) {
        return checked(address, Short.BYTES).getShort(address);
    }

    @Override
    public int readInt(int address) {
        return checked(address, Integer.BYTES).getInt(address);
    }

    @Override
    public long readLong(int address) {
        return checked(address, Long.BYTES).getLong(address);
    }

    @Override
    public byte[] read(int address, int length) {
        ByteBuffer memoryBuffer = checked(address, length);
        byte[] data = new byte[length];
        memoryBuffer.get(address, data);
        return data;
    }

    @Override
    public void writeByte(int address, byte value) {
        checked(address, Byte.BYTES).put(address, value);
    }

    @Override
    public void writeShort(int address, short value) {
        checked(address, Short.BYTES).putShort(address, value);
    }

    @Override
    public void writeInt(int address, int value) {
        checked(address, Integer.BYTES).putInt(address, value);
    }

    @Override
    public void writeLong(int address, long value) {
        checked(address, Long.BYTES).putLong(address, value);
    }

    @Override
    public void write(int address, byte[] data) {
        requireNonNull(data, "data is null");
        checked(address, data.length).put(address, data);
    }

    /** The buffer, after checking that {@code [address, address + length)} lies inside the memory. */
    private ByteBuffer checked(int address, int length) {
        ByteBuffer current = buffer();
        if (address < 0 || length < 0 || (long) address + length > current.capacity()) {
            throw new WasmException.OutOfBounds(
                    "host access to guest memory out of bounds: address " + address + ", length " + length
                            + ", memory size " + current.capacity() + " bytes; an access must lie in [0, size)",
                    null);
        }
        return current;
    }

    private ByteBuffer buffer() {
        owner.ensureOpen();
        if (stale) {
            refreshSize();
        }
        ByteBuffer current = buffer;
        if (current == null) {
            long bytes = size;
            if (bytes > Integer.MAX_VALUE) {
                throw new WasmException.OutOfBounds(
                        "guest memory has grown to " + bytes + " bytes, and wasmtime-java can show the host at most "
                                + Integer.MAX_VALUE + "; keep [limits] memory below 2 GiB (at most 2047MiB) for this"
                                + " actor",
                        null);
            }
            current = memory.buffer(owner.store()).order(ByteOrder.LITTLE_ENDIAN);
            buffer = current;
        }
        return current;
    }

    @Override
    public String toString() {
        return "WasmtimeMemory[" + size + " bytes]";
    }
}
