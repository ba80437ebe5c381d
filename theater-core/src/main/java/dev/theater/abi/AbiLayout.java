package dev.theater.abi;

import dev.theater.engine.ValType;
import dev.theater.wit.WitType;
import java.util.List;

/**
 * The canonical ABI layout of WIT types: size and alignment in linear memory and the flat core types. Computed once
 * per type and cached.
 */
public final class AbiLayout {
    /** A function with more flat parameters passes them through memory. */
    public static final int MAX_FLAT_PARAMS = 16;

    /** A function with more flat results returns them through memory. */
    public static final int MAX_FLAT_RESULTS = 1;

    private AbiLayout() {}

    /** Bytes a value of {@code type} takes in memory, a multiple of its alignment (so also the list element size). */
    public static int size(WitType type) {
        return Codecs.of(type).size;
    }

    /** The alignment of {@code type} in memory, in bytes: 1, 2, 4 or 8. */
    public static int alignment(WitType type) {
        return Codecs.of(type).align;
    }

    /** The core value types {@code type} flattens to. */
    public static List<ValType> flat(WitType type) {
        return Codecs.of(type).flatTypes;
    }
}
