package dev.theater.abi;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.GuestMemory;
import dev.theater.engine.ValType;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The state of one lowering: the instance whose {@code cabi_realloc} allocates, and its memory. */
final class Lowering {
    static final String REALLOC = "cabi_realloc";

    /** What a block is for, to describe it when its allocation fails. */
    enum Block {
        STRING,
        BYTES,
        LIST,
        PARAMETERS
    }

    /** The core type the canonical ABI gives {@code cabi_realloc}. */
    static final CoreFunctionType REALLOC_TYPE =
            CoreFunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));

    private final WasmInstance instance;
    private GuestMemory memory;
    private boolean reallocChecked;

    Lowering(WasmInstance instance) {
        this.instance = instance;
    }

    GuestMemory memory() {
        if (memory == null) {
            memory = instance.memory();
        }
        return memory;
    }

    /**
     * Allocates {@code size} bytes aligned to {@code align} with the guest's {@code cabi_realloc(0, 0, align, size)}
     * and checks the block it returns.
     */
    long allocate(int align, long size, Block block, long count) {
        if (!reallocChecked) {
            Optional<CoreFunctionType> type = instance.exportType(REALLOC);
            if (type.isPresent() && !type.get().equals(REALLOC_TYPE)) {
                throw new Fault(
                        AbiException.Rule.GUEST_EXPORT,
                        describe(block, count, size) + ", but the guest's cabi_realloc has type " + type.get()
                                + " instead of " + REALLOC_TYPE,
                        "cabi_realloc must have type (func (param i32 i32 i32 i32) (result i32))");
            }
            reallocChecked = true;
        }
        long[] result;
        try {
            result = instance.call(REALLOC, 0L, 0L, align, size);
        } catch (WasmException.Link e) {
            throw new Fault(
                    AbiException.Rule.GUEST_EXPORT,
                    describe(block, count, size) + ", but the guest has no export cabi_realloc of type "
                            + "(func (param i32 i32 i32 i32) (result i32)) (" + e.getMessage() + ")",
                    "a guest that receives strings or lists, or parameters through memory, must export cabi_realloc");
        } catch (WasmException.Trap e) {
            throw Fault.reallocTrap(call(align, size) + " for " + describe(block, count, size), e);
        }
        if (result.length != 1) {
            throw new Fault(
                    AbiException.Rule.GUEST_EXPORT,
                    describe(block, count, size) + ", but cabi_realloc returned " + result.length + " values",
                    "cabi_realloc must have type (func (param i32 i32 i32 i32) (result i32))");
        }
        long ptr = result[0] & 0xFFFF_FFFFL;
        if (ptr % align != 0) {
            throw new Fault(
                    AbiException.Rule.REALLOC,
                    describe(block, count, size) + " for which " + call(align, size) + " returned " + Fault.hex(ptr)
                            + ", which is not aligned to " + align + " bytes",
                    "cabi_realloc must return an aligned block inside linear memory");
        }
        long memorySize = memory().size();
        if (ptr + size > memorySize) {
            throw new Fault(
                    AbiException.Rule.REALLOC,
                    describe(block, count, size) + " for which " + call(align, size) + " returned " + Fault.hex(ptr)
                            + ", a block that ends past the end of guest memory (" + memorySize + " bytes)",
                    "cabi_realloc must return an aligned block inside linear memory");
        }
        return ptr;
    }

    void write(long ptr, byte[] bytes) {
        if (bytes.length > 0) {
            memory().write((int) ptr, bytes);
        }
    }

    private static String call(int align, long size) {
        return String.format(Locale.ROOT, "cabi_realloc(0, 0, %d, %d)", align, size);
    }

    private static String describe(Block block, long count, long size) {
        return switch (block) {
            case STRING -> "a string of " + size + " bytes";
            case BYTES -> "a list<u8> of " + size + " bytes";
            case LIST -> "a list of " + count + " elements (" + size + " bytes)";
            case PARAMETERS -> "a parameter area of " + size + " bytes";
        };
    }
}
