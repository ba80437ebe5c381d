package dev.theater.engine;

/**
 * A guest's linear memory, little-endian. Every accessor checks bounds and throws {@link
 * WasmException.OutOfBounds} for an access outside {@code [0, size())}; it never touches host memory outside the
 * guest's.
 */
public interface GuestMemory {
    /** Current size in bytes. */
    long size();

    byte readByte(int address);

    short readShort(int address);

    int readInt(int address);

    long readLong(int address);

    /** Copies {@code length} bytes starting at {@code address}. */
    byte[] read(int address, int length);

    void writeByte(int address, byte value);

    void writeShort(int address, short value);

    void writeInt(int address, int value);

    void writeLong(int address, long value);

    void write(int address, byte[] data);
}
