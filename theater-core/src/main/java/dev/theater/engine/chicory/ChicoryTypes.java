package dev.theater.engine.chicory;

import com.dylibso.chicory.wasm.types.FunctionType;
import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Translation between Chicory's types and the engine SPI's, and the {@link ValType} value encoding. */
final class ChicoryTypes {
    private ChicoryTypes() {}

    /** The SPI type of a Chicory function type, or empty when it uses a type the SPI cannot carry (v128, refs). */
    static Optional<CoreFunctionType> toCore(FunctionType type) {
        List<ValType> params = toCore(type.params());
        List<ValType> results = toCore(type.returns());
        if (params == null || results == null) {
            return Optional.empty();
        }
        return Optional.of(CoreFunctionType.of(params, results));
    }

    private static List<ValType> toCore(List<com.dylibso.chicory.wasm.types.ValType> types) {
        List<ValType> core = new ArrayList<>(types.size());
        for (com.dylibso.chicory.wasm.types.ValType type : types) {
            ValType valType = toCore(type);
            if (valType == null) {
                return null;
            }
            core.add(valType);
        }
        return core;
    }

    private static ValType toCore(com.dylibso.chicory.wasm.types.ValType type) {
        if (type.equals(com.dylibso.chicory.wasm.types.ValType.I32)) {
            return ValType.I32;
        } else if (type.equals(com.dylibso.chicory.wasm.types.ValType.I64)) {
            return ValType.I64;
        } else if (type.equals(com.dylibso.chicory.wasm.types.ValType.F32)) {
            return ValType.F32;
        } else if (type.equals(com.dylibso.chicory.wasm.types.ValType.F64)) {
            return ValType.F64;
        }
        return null;
    }

    /**
     * The positions of the 32-bit values in {@code types}: Chicory may hand them over with any upper bits, the SPI
     * promises them sign-extended.
     */
    static int[] narrowPositions(List<ValType> types) {
        return IntStream.range(0, types.size())
                .filter(i -> types.get(i) == ValType.I32 || types.get(i) == ValType.F32)
                .toArray();
    }

    /** Sign-extends the 32-bit values at {@code positions}, in place. */
    static void narrow(long[] values, int[] positions) {
        for (int position : positions) {
            values[position] = (int) values[position];
        }
    }
}
