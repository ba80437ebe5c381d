package dev.theater.abi;

import dev.theater.engine.GuestMemory;
import dev.theater.engine.WasmInstance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The state of one lifting: the guest memory it reads (its size taken once, as no guest code runs while a value is
 * lifted), and what is left of the call's lift budget. Every read is checked here before anything is allocated.
 */
final class Lifting {
    /** Every list element counts at least this many bytes toward the budget: a Java reference. */
    static final int MIN_ELEMENT_COST = 4;

    private final WasmInstance instance;
    private final long limit;
    private long remaining;
    private GuestMemory memory;
    private long memorySize;
    private CharsetDecoder decoder;

    Lifting(WasmInstance instance, AbiLimits limits) {
        this.instance = instance;
        this.limit = limits.maxLiftBytesPerCall();
        this.remaining = limit;
    }

    private GuestMemory memory() {
        if (memory == null) {
            memory = instance.memory();
            memorySize = memory.size();
        }
        return memory;
    }

    long memorySize() {
        memory();
        return memorySize;
    }

    /**
     * Checks that a parameter area, return area or return pointer at {@code ptr} is aligned and inside memory.
     *
     * @param what {@code a return area}, {@code a parameter area}, {@code a return pointer}
     */
    void checkArea(long ptr, Codec codec, String what) {
        if (ptr % codec.align != 0) {
            throw new Fault(
                    AbiException.Rule.ALIGNMENT,
                    what + " " + Fault.hex(ptr) + " for " + codec.type.witName() + ", which needs " + codec.align
                            + "-byte alignment",
                    "a pointer to a value must be aligned to the value's type");
        }
        if (ptr + codec.size > memorySize()) {
            throw new Fault(
                    AbiException.Rule.BOUNDS,
                    what + " " + Fault.hex(ptr) + " for " + codec.type.witName() + " (" + codec.size
                            + " bytes) that ends past the end of guest memory (" + memorySize + " bytes)",
                    "a value in memory must lie inside linear memory");
        }
    }

    /** Reads the block of {@code codec} at {@code ptr} after {@link #checkArea}. */
    ByteBuffer area(long ptr, Codec codec, String what) {
        checkArea(ptr, codec, what);
        return read(ptr, codec.size);
    }

    String string(long ptr, long length) {
        if (ptr + length > memorySize()) {
            throw new Fault(
                    AbiException.Rule.BOUNDS,
                    "a string at " + Fault.hex(ptr) + " of " + length
                            + " bytes that ends past the end of guest memory (" + memorySize + " bytes)",
                    "a string must lie inside linear memory");
        }
        charge(length, () -> "a string at " + Fault.hex(ptr) + " of " + length + " bytes");
        ByteBuffer bytes = read(ptr, length);
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            CharBuffer chars = decoder.reset().decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new Fault(
                    AbiException.Rule.UTF8,
                    "a string at " + Fault.hex(ptr) + " of " + length + " bytes that is not valid UTF-8 at byte "
                            + bytes.position(),
                    "a string must be valid UTF-8 (no overlong forms, surrogates or truncated sequences)");
        }
    }

    byte[] bytes(long ptr, long length) {
        checkList(ptr, length, 1, 1);
        charge(length, () -> "a list<u8> at " + Fault.hex(ptr) + " of " + length + " bytes");
        return length == 0 ? new byte[0] : memory().read((int) ptr, (int) length);
    }

    /** The block of a list of {@code length} elements of {@code element} at {@code ptr}. */
    ByteBuffer list(long ptr, long length, Codec element) {
        checkList(ptr, length, element.size, element.align);
        long cost = length * Math.max(element.size, MIN_ELEMENT_COST);
        charge(cost, () -> "a list at " + Fault.hex(ptr) + " of " + length + " elements of " + element.type.witName());
        return read(ptr, length * element.size);
    }

    private void checkList(long ptr, long length, int elementSize, int elementAlign) {
        if (ptr % elementAlign != 0) {
            throw new Fault(
                    AbiException.Rule.ALIGNMENT,
                    "a list at " + Fault.hex(ptr) + " of " + length + " elements that need " + elementAlign
                            + "-byte alignment",
                    "a list must be aligned to its element type");
        }
        long bytes = length * elementSize;
        if (ptr + bytes > memorySize()) {
            throw new Fault(
                    AbiException.Rule.BOUNDS,
                    "a list at " + Fault.hex(ptr) + " of " + length + " elements (" + bytes
                            + " bytes) that ends past the end of guest memory (" + memorySize + " bytes)",
                    "a list must lie inside linear memory");
        }
    }

    private void charge(long bytes, Supplier<String> what) {
        remaining -= bytes;
        if (remaining < 0 || bytes > Integer.MAX_VALUE - 8) {
            throw new Fault(
                    AbiException.Rule.LIFT_LIMIT,
                    what.get() + " that takes the call past its lift limit of " + limit + " bytes",
                    "one call may lift at most AbiLimits.maxLiftBytesPerCall bytes, which stops lists that reuse "
                            + "the same memory from exhausting the host; raise the limit if the guest is right");
        }
    }

    private ByteBuffer read(long ptr, long length) {
        byte[] bytes = length == 0 ? new byte[0] : memory().read((int) ptr, (int) length);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
