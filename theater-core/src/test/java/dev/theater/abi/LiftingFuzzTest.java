package dev.theater.abi;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.theater.abi.testing.FakeInstance;
import dev.theater.engine.HostImport;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitType;
import dev.theater.wit.WitType.Field;
import dev.theater.wit.WitType.Primitive;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz target: lifting values out of hostile guest memory. Guest memory is filled with the fuzzer's bytes, a value
 * type is picked, and the host lifts it from the flat values the fuzzer chose, as the argument of a host import and
 * as the result of a guest export. Every outcome is a value or an {@link AbiException} naming the rule; nothing
 * else escapes, and nothing is allocated beyond the lift limit. Its committed inputs run with the tests; {@code
 * scripts/fuzz} fuzzes it.
 */
class LiftingFuzzTest {
    private static final int MEMORY = 4096;

    private static final List<WitType> TYPES = List.of(
            Primitive.STRING,
            Primitive.CHAR,
            new WitType.ListType(Primitive.U8),
            new WitType.ListType(Primitive.U32),
            Conformance.STRINGS,
            Conformance.POINT,
            Conformance.SHAPE,
            Conformance.COLOR,
            Conformance.PERMS,
            Conformance.NESTED,
            Conformance.QUAD,
            Conformance.EXTREMES,
            Conformance.WIDE,
            new WitType.ListType(new WitType.ListType(Conformance.SHAPE)),
            new WitType.TupleType(List.of(Conformance.NESTED, Conformance.STRINGS, Primitive.BOOL)));

    @FuzzTest(maxDuration = "2m")
    void liftingFromAnyMemoryGivesAValueOrAnAbiException(FuzzedDataProvider data) {
        WitType type = data.pickValue(TYPES);
        boolean asExport = data.consumeBoolean();
        FakeInstance guest = new FakeInstance(MEMORY, MEMORY / 2);
        WitFunction function = asExport
                ? new WitFunction("f", List.of(), Optional.of(type))
                : new WitFunction("f", List.of(new Field("v", type)), Optional.empty());
        int flatCount = asExport ? 1 : HostImports.coreType(function).params().size();
        long[] flat = new long[flatCount];
        for (int i = 0; i < flatCount; i++) {
            flat[i] = data.consumeBoolean() ? data.consumeInt(0, MEMORY + 8) : data.consumeLong();
        }
        guest.memory().write(0, data.consumeBytes(MEMORY));
        AbiLimits limits = new AbiLimits(64 * 1024);
        try {
            if (asExport) {
                ExportFunction export = ExportFunction.of("f", function, limits);
                long[] results = {flat[0]};
                guest.withExport("f", export.coreType(), (self, args) -> results);
                export.call(guest, List.of());
            } else {
                HostImport hostImport = HostImports.bind("fuzz:abi/host", function, args -> null, limits);
                guest.callImport(hostImport, flat);
            }
        } catch (AbiException expected) {
            // the guest broke a rule of the canonical ABI, and the error names it
        }
    }
}
