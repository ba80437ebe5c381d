package dev.theater.abi;

import static dev.theater.abi.AbiAssertions.abiFailure;
import static dev.theater.abi.AbiAssertions.takes;
import static dev.theater.engine.ValType.I32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.abi.AbiException.Rule;
import dev.theater.abi.testing.FakeInstance;
import dev.theater.abi.testing.FakeInstance.Realloc;
import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.HostImport;
import dev.theater.engine.ValType;
import dev.theater.engine.WasmException;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitType.Primitive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calling guest exports and being called through host imports, apart from value checks. */
class ExportFunctionTest {
    private final FakeInstance guest = new FakeInstance();

    private static WitRecord wide(int base) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i <= 16; i++) {
            fields.put("f" + i, base + i);
        }
        return new WitRecord(fields);
    }

    @Test
    void functionWithoutResultReturnsNullAndRunsPostReturn() {
        String name = "test:abi/guest#tick";
        ExportFunction tick = ExportFunction.of(name, takes("tick", Primitive.U32));
        guest.withExport(name, tick.coreType(), (self, a) -> new long[0]);
        guest.withExport("cabi_post_" + name, CoreFunctionType.of(List.of(), List.of()), (self, a) -> new long[0]);

        assertThat(tick.call(guest, List.of(7))).isNull();
        assertThat(guest.calls(name).get(0).args()).containsExactly(7L);
        assertThat(guest.calls("cabi_post_" + name)).hasSize(1);
    }

    @Test
    void postReturnWithTheWrongTypeIsRefused() {
        String name = "test:abi/guest#tick";
        ExportFunction tick = ExportFunction.of(name, takes("tick", Primitive.U32));
        guest.withExport(name, tick.coreType(), (self, a) -> new long[0]);
        guest.withExport("cabi_post_" + name, CoreFunctionType.of(List.of(I32), List.of()), (self, a) -> new long[0]);

        assertThat(abiFailure(() -> tick.call(guest, List.of(7))).rule()).isEqualTo(Rule.GUEST_EXPORT);
    }

    @Test
    void moreThanSixteenFlatParamsAreStoredInABlockFromCabiRealloc() {
        String name = Conformance.GUEST + "#echo-wide";
        ExportFunction echo = ExportFunction.of(name, Conformance.echo("wide", Conformance.WIDE));
        guest.withExport(name, echo.coreType(), (self, a) -> a);

        Object result = echo.call(guest, List.of(wide(100)));

        // The 68-byte parameter area is both the argument and, as the guest returns it, the return area.
        assertThat(guest.reallocs()).containsExactly(new Realloc(0, 0, 4, 68, 0x1000));
        assertThat(guest.calls(name).get(0).args()).containsExactly(0x1000L);
        assertThat(guest.memory().readInt(0x1000 + 4 * 16)).isEqualTo(116);
        assertThat(WitValues.deepEquals(result, wide(100))).isTrue();
    }

    @Test
    void hostImportReadsMoreThanSixteenFlatParamsFromMemory() {
        HostImport echo =
                HostImports.bind(Conformance.HOST, Conformance.echo("wide", Conformance.WIDE), args -> args.get(0));
        int params = guest.malloc(4, 68);
        for (int i = 0; i <= 16; i++) {
            guest.memory().writeInt(params + 4 * i, 200 + i);
        }
        int results = guest.malloc(4, 68);

        assertThat(guest.callImport(echo, params, results)).isEmpty();

        assertThat(guest.memory().hex(results, 68)).isEqualTo(guest.memory().hex(params, 68));
    }

    @Test
    void variantPayloadsAreReinterpretedIntoTheJoinedFlatTypes() {
        String name = Conformance.GUEST + "#echo-shape";
        ExportFunction echo = ExportFunction.of(name, Conformance.echo("shape", Conformance.SHAPE));
        guest.withExport(name, echo.coreType(), (self, a) -> {
            int area = self.malloc(8, 24);
            self.memory().writeByte(area, (byte) 3);
            return new long[] {area};
        });

        echo.call(guest, List.of(new WitVariant("circle", -0.5)));
        echo.call(guest, List.of(new WitVariant("rect", Conformance.point(-1, -2, ""))));
        echo.call(guest, List.of(WitVariant.of("empty")));

        List<FakeInstance.Call> calls = guest.calls(name);
        // circle: the f64 travels as its bits in the i64 slot
        assertThat(calls.get(0).args()).containsExactly(0L, Double.doubleToRawLongBits(-0.5), 0L, 0L, 0L);
        // rect: x = -1 is an i32 zero-extended into the i64 slot, as the spec's join says
        assertThat(calls.get(1).args().subList(0, 3)).containsExactly(1L, 0xFFFF_FFFFL, -2L);
        // empty: no payload, every payload slot 0
        assertThat(calls.get(2).args()).containsExactly(3L, 0L, 0L, 0L, 0L);
    }

    @Test
    void nanBitPatternsSurviveExactly() {
        String name = Conformance.GUEST + "#echo-floats";
        ExportFunction echo = ExportFunction.of(name, Conformance.echoFloats());
        guest.withExport(name, echo.coreType(), (self, a) -> {
            int area = self.malloc(8, 16);
            self.memory().writeInt(area, (int) a[0]);
            self.memory().writeLong(area + 8, a[1]);
            return new long[] {area};
        });
        float signalingNan = Float.intBitsToFloat(0x7f800001);
        double payloadNan = Double.longBitsToDouble(0xfff8dead0000beefL);

        Object result = echo.call(guest, List.of(signalingNan, payloadNan));

        WitTuple tuple = (WitTuple) result;
        assertThat(Float.floatToRawIntBits((Float) tuple.get(0))).isEqualTo(0x7f800001);
        assertThat(Double.doubleToRawLongBits((Double) tuple.get(1))).isEqualTo(0xfff8dead0000beefL);
    }

    @Test
    void guestTrapPropagatesUnchanged() {
        String name = "test:abi/guest#boom";
        ExportFunction boom = ExportFunction.of(name, takes("boom"));
        WasmException.Trap trap = new WasmException.Trap("unreachable", null);
        guest.withExport(name, boom.coreType(), (self, a) -> {
            throw trap;
        });

        assertThatThrownBy(() -> boom.call(guest, List.of())).isSameAs(trap);
    }

    @Test
    void hostFunctionExceptionPropagatesUnchanged() {
        IllegalStateException failure = new IllegalStateException("handler failed");
        HostImport log = HostImports.bind(Conformance.HOST, takes("log", Primitive.STRING), args -> {
            throw failure;
        });

        assertThatThrownBy(() -> guest.callImport(log, 0, 0)).isSameAs(failure);
    }

    @Test
    void exportReturningTheWrongNumberOfCoreValuesIsRefused() {
        String name = "test:abi/guest#count";
        WitFunction count = AbiAssertions.returns("count", Primitive.U32);
        guest.withExport(name, CoreFunctionType.of(List.of(), List.of()), (self, a) -> new long[0]);

        AbiException e = abiFailure(() -> ExportFunction.of(name, count).call(guest, List.of()));

        assertThat(e.rule()).isEqualTo(Rule.CORE_SIGNATURE);
    }

    @Test
    void exportWhoseCoreTypeIsNotTheFlattenedSignatureIsRefusedBeforeItRuns() {
        String name = "test:abi/guest#tick";
        ExportFunction tick = ExportFunction.of(name, takes("tick", Primitive.U32));
        guest.withExport(name, CoreFunctionType.of(List.of(ValType.I64), List.of()), (self, a) -> new long[0]);

        AbiException e = abiFailure(() -> tick.call(guest, List.of(7)));

        assertThat(e.rule()).isEqualTo(Rule.CORE_SIGNATURE);
        assertThat(e.getMessage())
                .contains("guest export 'test:abi/guest#tick' has core type (func (param [I64]) (result []))")
                .contains("func(v: u32) flattens to (func (param [I32]) (result []))")
                .contains("rebuild the guest");
        assertThat(guest.calls(name)).isEmpty();
    }

    @Test
    void cabiReallocWithTheWrongTypeIsRefusedBeforeItRuns() {
        String name = "test:abi/guest#log";
        ExportFunction log = ExportFunction.of(name, takes("log", Primitive.STRING));
        guest.withExport(name, log.coreType(), (self, a) -> new long[0]);
        guest.withExport(
                "cabi_realloc", CoreFunctionType.of(List.of(I32, I32, I32, I32), List.of(ValType.I64)), (self, a) ->
                        new long[] {0x1000});

        AbiException e = abiFailure(() -> log.call(guest, List.of("hi")));

        assertThat(e.rule()).isEqualTo(Rule.GUEST_EXPORT);
        assertThat(e.getMessage()).contains("cabi_realloc has type (func (param [I32, I32, I32, I32]) (result [I64]))");
        assertThat(guest.calls("cabi_realloc")).isEmpty();
        assertThat(guest.calls(name)).isEmpty();
    }

    @Test
    void flatResultsAreLiftedWithoutMemory() {
        String name = Conformance.GUEST + "#echo-char";
        ExportFunction echo = ExportFunction.of(name, Conformance.echoChar());
        guest.withExport(name, echo.coreType(), (self, a) -> a);

        assertThat(echo.call(guest, List.of(0x1F600))).isEqualTo(0x1F600);
        assertThat(guest.reallocs()).isEmpty();
    }
}
