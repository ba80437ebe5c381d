package dev.theater.abi;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.WasmInstance;
import dev.theater.wit.WitFunction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * A guest export seen from the host: lowers Java arguments into the guest, calls the core function, lifts the result
 * and runs {@code cabi_post_<export>}. Immutable and thread-safe; build one per export and reuse it for every
 * instance and call.
 *
 * <p>The core type follows the spec's {@code lift} flattening: more than 16 flat parameters are stored in a block
 * the host allocates with the guest's {@code cabi_realloc} and passed as one i32 pointer; more than one flat result
 * comes back as an i32 pointer to the guest's return area.
 */
public final class ExportFunction {
    private final String exportName;
    private final WitFunction function;
    private final AbiLimits limits;
    private final StructCodec params;
    private final Codec result;
    private final CoreFunctionType coreType;
    private final boolean paramsInMemory;
    private final boolean resultInMemory;
    private final String postReturn;
    private final Site argsSite;
    private final Site resultSite;

    private ExportFunction(String exportName, WitFunction function, AbiLimits limits) {
        this.exportName = exportName;
        this.function = function;
        this.limits = limits;
        this.params = Codecs.params(function);
        this.result = Codecs.result(function).orElse(null);
        this.coreType = Codecs.coreType(function, true);
        this.paramsInMemory = params.flat.length > AbiLayout.MAX_FLAT_PARAMS;
        this.resultInMemory = result != null && result.flat.length > AbiLayout.MAX_FLAT_RESULTS;
        this.postReturn = "cabi_post_" + exportName;
        this.argsSite = Site.exportArgs(exportName);
        this.resultSite = Site.exportResult(exportName);
    }

    /**
     * @param exportName the core export, {@code <interface>#<function>}, e.g. {@code theater:simple/actor#init}
     * @param function its WIT signature
     */
    public static ExportFunction of(String exportName, WitFunction function) {
        return of(exportName, function, AbiLimits.DEFAULT);
    }

    public static ExportFunction of(String exportName, WitFunction function, AbiLimits limits) {
        return new ExportFunction(
                requireNonNull(exportName, "exportName is null"),
                requireNonNull(function, "function is null"),
                requireNonNull(limits, "limits is null"));
    }

    public String exportName() {
        return exportName;
    }

    public WitFunction function() {
        return function;
    }

    /** The core type the module must export {@link #exportName()} with. */
    public CoreFunctionType coreType() {
        return coreType;
    }

    /**
     * Calls the export with Java values of its parameter types (see {@link dev.theater.spi.HostFunction} for the
     * mapping) and returns its result as a Java value, or {@code null} when the function has no result.
     *
     * @throws AbiException when an argument does not fit its type, or the guest's result or allocations break the
     *     ABI
     * @throws dev.theater.engine.WasmException whatever the guest call or its {@code cabi_realloc} threw; a trap in
     *     {@code cabi_realloc} says which value the host was allocating
     */
    public Object call(WasmInstance instance, List<Object> args) {
        requireNonNull(instance, "instance is null");
        requireNonNull(args, "args is null");
        if (args.size() != params.count()) {
            throw argsSite.fail(
                    AbiException.Rule.ARGUMENT_COUNT,
                    args.size() + " arguments to " + function.signature(),
                    "pass one Java value per WIT parameter (" + params.count() + ")");
        }
        checkCoreType(instance);
        long[] flatArgs = lowerArgs(instance, args);
        long[] flatResults = instance.call(exportName, flatArgs);
        if (flatResults.length != coreType.results().size()) {
            throw resultSite.fail(
                    AbiException.Rule.CORE_SIGNATURE,
                    flatResults.length + " core values where " + coreType + " has "
                            + coreType.results().size(),
                    "the export must have the flattened type of its WIT signature");
        }
        Object value = result == null ? null : liftResult(instance, flatResults);
        postReturn(instance, flatResults);
        return value;
    }

    /**
     * Refuses an export whose core type is not the flattening of its WIT signature: an engine would convert the
     * arguments to whatever the export declares and the host would lift results of the wrong type. A missing export
     * is left to the engine, whose error lists the exports there are.
     */
    private void checkCoreType(WasmInstance instance) {
        Optional<CoreFunctionType> actual = instance.exportType(exportName);
        if (actual.isPresent() && !actual.get().equals(coreType)) {
            throw new AbiException(
                    exportName,
                    AbiException.Rule.CORE_SIGNATURE,
                    "",
                    "guest export '" + exportName + "' has core type " + actual.get() + ", but its WIT signature "
                            + function.signature() + " flattens to " + coreType
                            + ": the export must have the flattened type of its WIT signature; rebuild the guest"
                            + " against the host's WIT");
        }
    }

    private long[] lowerArgs(WasmInstance instance, List<Object> args) {
        Lowering cx = new Lowering(instance);
        try {
            if (paramsInMemory) {
                long ptr = cx.allocate(params.align, params.size, Lowering.Block.PARAMETERS, 1);
                ByteBuffer block = ByteBuffer.allocate(params.size).order(ByteOrder.LITTLE_ENDIAN);
                params.store(cx, args, block, 0);
                cx.write(ptr, block.array());
                return new long[] {(int) ptr};
            }
            long[] flat = new long[params.flat.length];
            params.lowerFlat(cx, args, flat, 0);
            return flat;
        } catch (Fault f) {
            throw argsSite.fail(f);
        }
    }

    private Object liftResult(WasmInstance instance, long[] flatResults) {
        Lifting cx = new Lifting(instance, limits);
        try {
            if (resultInMemory) {
                long ptr = flatResults[0] & 0xFFFF_FFFFL;
                return result.load(cx, cx.area(ptr, result, "a return area"), 0);
            }
            return result.liftFlat(cx, flatResults, 0);
        } catch (Fault f) {
            throw resultSite.fail(f.at("result"));
        }
    }

    private void postReturn(WasmInstance instance, long[] flatResults) {
        Optional<CoreFunctionType> type = instance.exportType(postReturn);
        if (type.isEmpty()) {
            return;
        }
        CoreFunctionType expected = CoreFunctionType.of(coreType.results(), List.of());
        if (!type.get().equals(expected)) {
            throw resultSite.fail(
                    AbiException.Rule.GUEST_EXPORT,
                    "a result, but its " + postReturn + " has type " + type.get() + " instead of " + expected,
                    "cabi_post_<export> must take the export's core results and return nothing");
        }
        instance.call(postReturn, flatResults);
    }

    @Override
    public String toString() {
        return "ExportFunction[" + exportName + ": " + function.signature() + " as " + coreType + "]";
    }
}
