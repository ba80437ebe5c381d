package dev.theater.abi;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.HostImport;
import dev.theater.engine.WasmInstance;
import dev.theater.spi.HostFunction;
import dev.theater.wit.WitFunction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Host functions as guest imports: binds a {@link HostFunction} to the core function a guest imports, lifting its
 * arguments from the caller's memory and lowering its result back.
 *
 * <p>The core type follows the spec's {@code lower} flattening: more than 16 flat parameters arrive as one i32
 * pointer to them in guest memory; more than one flat result is stored at a return pointer the guest passes as an
 * extra last i32 parameter, and the core function returns nothing. Strings and lists in the result are allocated
 * with the caller's {@code cabi_realloc}.
 */
public final class HostImports {
    private static final long[] NO_VALUES = new long[0];

    private HostImports() {}

    /**
     * @param module the interface the guest imports from, e.g. {@code theater:simple/runtime}
     * @param function the WIT signature; its name is the import's field name
     * @param impl the Java implementation; what it throws propagates unchanged out of the guest call
     */
    public static HostImport bind(String module, WitFunction function, HostFunction impl) {
        return bind(module, function, impl, AbiLimits.DEFAULT);
    }

    public static HostImport bind(String module, WitFunction function, HostFunction impl, AbiLimits limits) {
        requireNonNull(module, "module is null");
        requireNonNull(function, "function is null");
        requireNonNull(impl, "impl is null");
        requireNonNull(limits, "limits is null");
        Binding binding = new Binding(module + "#" + function.name(), function, impl, limits);
        return new HostImport(module, function.name(), binding.coreType, binding::call);
    }

    /** The core type a guest must import {@code function} with, for link-time checks. */
    public static CoreFunctionType coreType(WitFunction function) {
        return Codecs.coreType(requireNonNull(function, "function is null"), false);
    }

    private static final class Binding {
        private final HostFunction impl;
        private final AbiLimits limits;
        private final StructCodec params;
        private final Codec result;
        private final CoreFunctionType coreType;
        private final boolean paramsInMemory;
        private final boolean resultInMemory;
        private final Site argsSite;
        private final Site resultSite;

        Binding(String name, WitFunction function, HostFunction impl, AbiLimits limits) {
            this.impl = impl;
            this.limits = limits;
            this.params = Codecs.params(function);
            this.result = Codecs.result(function).orElse(null);
            this.coreType = Codecs.coreType(function, false);
            this.paramsInMemory = params.flat.length > AbiLayout.MAX_FLAT_PARAMS;
            this.resultInMemory = result != null && result.flat.length > AbiLayout.MAX_FLAT_RESULTS;
            this.argsSite = Site.importArgs(name);
            this.resultSite = Site.importResult(name);
        }

        long[] call(WasmInstance caller, long[] args) {
            if (args.length != coreType.params().size()) {
                throw argsSite.fail(
                        AbiException.Rule.CORE_SIGNATURE,
                        args.length + " core values where " + coreType + " takes "
                                + coreType.params().size(),
                        "a guest must import the function with the flattened type of its WIT signature");
            }
            Lifting lifting = new Lifting(caller, limits);
            List<Object> values;
            long returnPointer = 0;
            try {
                if (resultInMemory) {
                    returnPointer = args[args.length - 1] & 0xFFFF_FFFFL;
                    lifting.checkArea(returnPointer, result, "a return pointer");
                }
                values = liftArgs(lifting, args);
            } catch (Fault f) {
                throw argsSite.fail(f);
            }
            Object value = impl.call(values);
            if (result == null) {
                return NO_VALUES;
            }
            Lowering lowering = new Lowering(caller);
            try {
                if (resultInMemory) {
                    ByteBuffer block = ByteBuffer.allocate(result.size).order(ByteOrder.LITTLE_ENDIAN);
                    result.store(lowering, value, block, 0);
                    lowering.write(returnPointer, block.array());
                    return NO_VALUES;
                }
                long[] flat = new long[result.flat.length];
                result.lowerFlat(lowering, value, flat, 0);
                return flat;
            } catch (Fault f) {
                throw resultSite.fail(f.at("result"));
            }
        }

        @SuppressWarnings("unchecked")
        private List<Object> liftArgs(Lifting cx, long[] args) {
            if (paramsInMemory) {
                long ptr = args[0] & 0xFFFF_FFFFL;
                return (List<Object>) params.load(cx, cx.area(ptr, params, "a parameter area"), 0);
            }
            return (List<Object>) params.liftFlat(cx, args, 0);
        }
    }
}
