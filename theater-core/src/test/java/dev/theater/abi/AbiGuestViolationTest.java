package dev.theater.abi;

import static dev.theater.abi.AbiAssertions.abiFailure;
import static dev.theater.abi.AbiAssertions.returns;
import static dev.theater.abi.AbiAssertions.takes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.abi.AbiException.Rule;
import dev.theater.abi.testing.FakeInstance;
import dev.theater.engine.HostImport;
import dev.theater.engine.WasmException;
import dev.theater.spi.HostFunction;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitType;
import dev.theater.wit.WitType.Primitive;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything a guest hands the host is checked before it is used; each broken rule is named. */
class AbiGuestViolationTest {
    private static final String MODULE = "test:abi/host";

    private final FakeInstance guest = new FakeInstance(65536, 0x1000);
    private final AtomicBoolean called = new AtomicBoolean();
    private final AtomicReference<List<Object>> received = new AtomicReference<>();

    private HostImport bind(WitFunction function) {
        return HostImports.bind(MODULE, function, record());
    }

    private HostFunction record() {
        return args -> {
            called.set(true);
            received.set(args);
            return null;
        };
    }

    /** A guest export {@code name} that returns {@code flat} as its core results. */
    private ExportFunction export(String name, WitFunction function, long... flat) {
        ExportFunction export = ExportFunction.of(name, function);
        guest.withExport(name, export.coreType(), (self, a) -> flat);
        return export;
    }

    private int write(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        int ptr = guest.malloc(1, Math.max(bytes.length, 1));
        guest.memory().write(ptr, bytes);
        return ptr;
    }

    @Test
    void listThatEndsPastMemoryIsRefused() {
        String name = Conformance.GUEST + "#echo-strings";
        int area = guest.malloc(4, 8);
        guest.memory().writeInt(area, 0x00fffff0);
        guest.memory().writeInt(area + 4, 4096);
        ExportFunction echo = export(name, Conformance.echo("strings", Conformance.STRINGS), area);

        AbiException e = abiFailure(() -> echo.call(guest, List.of(List.of())));

        assertThat(e.rule()).isEqualTo(Rule.BOUNDS);
        assertThat(e.function()).isEqualTo(name);
        assertThat(e.getMessage())
                .isEqualTo("guest export 'theater:conformance/guest#echo-strings' returned a list at 0x00fffff0 of"
                        + " 4096 elements (32768 bytes) that ends past the end of guest memory (65536 bytes): a list"
                        + " must lie inside linear memory");
    }

    @Test
    void listLengthOfTwoToTheThirtyOneIsRefusedBeforeAnythingIsAllocated() {
        HostImport bytes = bind(takes("bytes", new WitType.ListType(Primitive.U8)));
        HostImport strings = bind(takes("strings", Conformance.STRINGS));
        HostImport string = bind(takes("string", Primitive.STRING));

        assertThat(abiFailure(() -> guest.callImport(bytes, 16, 1L << 31)).rule())
                .isEqualTo(Rule.BOUNDS);
        assertThat(abiFailure(() -> guest.callImport(strings, 16, 1L << 31)).rule())
                .isEqualTo(Rule.BOUNDS);
        assertThat(abiFailure(() -> guest.callImport(string, 16, -1)).rule()).isEqualTo(Rule.BOUNDS);
        assertThat(called).isFalse();
    }

    @Test
    void stringPastTheEndOfMemoryNamesTheParameter() {
        HostImport log = bind(takes("log", Primitive.STRING));

        AbiException e = abiFailure(() -> guest.callImport(log, 65530, 7));

        assertThat(e.rule()).isEqualTo(Rule.BOUNDS);
        assertThat(e.function()).isEqualTo("test:abi/host#log");
        assertThat(e.path()).isEqualTo("param 'v'");
        assertThat(e.getMessage())
                .isEqualTo("guest call to host import 'test:abi/host#log' passed in param 'v' a string at 0x0000fffa"
                        + " of 7 bytes that ends past the end of guest memory (65536 bytes): a string must lie inside"
                        + " linear memory");
    }

    @Test
    void valuesEndingExactlyAtTheEndOfMemoryAreLiftedAndOneByteFurtherIsRefused() {
        HostImport log = bind(takes("log", Primitive.STRING));
        HostImport bytes = bind(takes("bytes", new WitType.ListType(Primitive.U8)));
        HostImport words = bind(takes("words", new WitType.ListType(Primitive.U32)));
        guest.memory().write(65531, "edge!".getBytes(UTF_8));

        guest.callImport(log, 65531, 5);
        assertThat(received.get()).containsExactly("edge!");
        guest.callImport(bytes, 65531, 5);
        assertThat((byte[]) received.get().get(0)).hasSize(5);
        guest.callImport(words, 65528, 2);
        assertThat(received.get()).hasSize(1);

        assertThat(abiFailure(() -> guest.callImport(log, 65532, 5)).rule()).isEqualTo(Rule.BOUNDS);
        assertThat(abiFailure(() -> guest.callImport(bytes, 65532, 5)).rule()).isEqualTo(Rule.BOUNDS);
        assertThat(abiFailure(() -> guest.callImport(words, 65532, 2)).rule()).isEqualTo(Rule.BOUNDS);
    }

    @Test
    void listMustBeAlignedToItsElementType() {
        HostImport words = bind(takes("words", new WitType.ListType(Primitive.U32)));

        AbiException e = abiFailure(() -> guest.callImport(words, 0x1002, 1));

        assertThat(e.rule()).isEqualTo(Rule.ALIGNMENT);
        assertThat(e.getMessage()).contains("a list at 0x00001002 of 1 elements that need 4-byte alignment");
    }

    @Test
    void returnAreaMustBeAlignedAndInsideMemory() {
        String name = Conformance.GUEST + "#echo-point";
        ExportFunction misaligned = export(name, Conformance.echoPoint(), 0x1002);
        assertThat(abiFailure(() -> misaligned.call(guest, List.of(Conformance.point(1, 2, ""))))
                        .rule())
                .isEqualTo(Rule.ALIGNMENT);

        ExportFunction outside = export(name, Conformance.echoPoint(), 65528);
        AbiException e = abiFailure(() -> outside.call(guest, List.of(Conformance.point(1, 2, ""))));
        assertThat(e.rule()).isEqualTo(Rule.BOUNDS);
        assertThat(e.getMessage()).contains("a return area 0x0000fff8 for point (16 bytes) that ends past the end");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "c0af", // overlong '/'
                "e080af", // overlong, three bytes
                "eda080", // UTF-16 surrogate D800
                "e282", // truncated
                "f4908080", // beyond U+10FFFF
                "80", // lone continuation byte
                "ff"
            })
    void invalidUtf8IsRefusedNotReplaced(String hex) {
        HostImport log = bind(takes("log", Primitive.STRING));
        int ptr = write("6869" + hex);

        AbiException e = abiFailure(() -> guest.callImport(log, ptr, 2 + hex.length() / 2));

        assertThat(e.rule()).isEqualTo(Rule.UTF8);
        assertThat(e.getMessage()).contains("is not valid UTF-8 at byte 2");
        assertThat(called).isFalse();
    }

    @Test
    void validUtf8OfEveryLengthIsAccepted() {
        HostImport log = bind(takes("log", Primitive.STRING));
        int ptr = write("24" + "c2a2" + "e282ac" + "f0908d88");

        guest.callImport(log, ptr, 10);

        assertThat(received.get()).containsExactly("$¢€\uD800\uDF48");
    }

    @Test
    void enumDiscriminantBeyondTheCasesIsRefused() {
        HostImport color = bind(takes("color", Conformance.COLOR));

        AbiException e = abiFailure(() -> guest.callImport(color, 3));

        assertThat(e.rule()).isEqualTo(Rule.DISCRIMINANT);
        assertThat(e.getMessage()).contains("the discriminant 3 for enum color, which has 3 cases");
    }

    @Test
    void variantDiscriminantInMemoryBeyondTheCasesIsRefused() {
        int area = guest.malloc(8, 24);
        guest.memory().writeByte(area, (byte) 4);
        ExportFunction echo =
                export(Conformance.GUEST + "#echo-shape", Conformance.echo("shape", Conformance.SHAPE), area);

        AbiException e = abiFailure(() -> echo.call(guest, List.of(new WitVariant("circle", 1.0))));

        assertThat(e.rule()).isEqualTo(Rule.DISCRIMINANT);
        assertThat(e.getMessage()).contains("the discriminant 4 for variant shape, which has 4 cases");
    }

    @Test
    void optionAndResultDiscriminantsAreZeroOrOne() {
        HostImport nested = bind(takes("nested", Conformance.NESTED));

        AbiException option = abiFailure(() -> guest.callImport(nested, 2, 0, 0, 0, 0));
        AbiException result = abiFailure(() -> guest.callImport(nested, 1, 2, 0, 0, 0));

        assertThat(option.rule()).isEqualTo(Rule.DISCRIMINANT);
        assertThat(option.path()).isEqualTo("param 'v'");
        assertThat(result.rule()).isEqualTo(Rule.DISCRIMINANT);
        assertThat(result.path()).isEqualTo("param 'v'.some");
    }

    @ParameterizedTest(name = "0x{0}")
    @ValueSource(strings = {"d800", "dfff", "110000", "ffffffff"})
    void charMustBeAUnicodeScalarValue(String hex) {
        HostImport echo = bind(takes("char", Primitive.CHAR));

        AbiException e = abiFailure(() -> guest.callImport(echo, Integer.parseUnsignedInt(hex, 16)));

        assertThat(e.rule()).isEqualTo(Rule.CHAR);
        assertThat(called).isFalse();
    }

    @Test
    void boolLiftsAnyNonZeroValueAsTrueAsTheSpecSays() {
        HostImport flag = bind(takes("flag", Primitive.BOOL));

        guest.callImport(flag, 2);
        assertThat(received.get()).containsExactly(true);
        guest.callImport(flag, 0);
        assertThat(received.get()).containsExactly(false);
    }

    @Test
    void narrowIntegersKeepOnlyTheirOwnBitsOfAFlatI32() {
        HostImport small = bind(takes("small", Primitive.U8, Primitive.S16));

        guest.callImport(small, 0x1FF, 0x18000);

        assertThat(received.get()).containsExactly((byte) 0xFF, (short) 0x8000);
    }

    @Test
    void flagsBeyondTheDefinedOnesAreRefused() {
        HostImport perms = bind(takes("perms", Conformance.PERMS));
        WitType.FlagsType many = new WitType.FlagsType(
                "many", IntStream.range(0, 33).mapToObj(i -> "f" + i).toList());
        HostImport wide = bind(takes("many", many));

        assertThat(abiFailure(() -> guest.callImport(perms, 0b1000)).rule()).isEqualTo(Rule.FLAGS);
        assertThat(abiFailure(() -> guest.callImport(wide, 0, 0b10)).rule()).isEqualTo(Rule.FLAGS);
        guest.callImport(wide, -1, 1);
        assertThat(((WitFlags) received.get().get(0)).set()).hasSize(33);
    }

    @Test
    void reallocReturningAPointerPastMemoryIsRefused() {
        guest.withRealloc((self, a) -> new long[] {0xfffffff0L});
        ExportFunction echo = ExportFunction.of(Conformance.GUEST + "#echo-point", Conformance.echoPoint());

        AbiException e = abiFailure(() -> echo.call(guest, List.of(Conformance.point(1, -2, "hi"))));

        assertThat(e.rule()).isEqualTo(Rule.REALLOC);
        assertThat(e.path()).isEqualTo("param 'v'.label");
        assertThat(e.getMessage())
                .isEqualTo("call to guest export 'theater:conformance/guest#echo-point' passed in param 'v'.label a"
                        + " string of 2 bytes for which cabi_realloc(0, 0, 1, 2) returned 0xfffffff0, a block that"
                        + " ends past the end of guest memory (65536 bytes): cabi_realloc must return an aligned"
                        + " block inside linear memory");
    }

    @Test
    void reallocReturningAMisalignedPointerIsRefused() {
        guest.withRealloc((self, a) -> new long[] {0x1002});
        HostImport words = HostImports.bind(
                MODULE, returns("words", new WitType.ListType(Primitive.U64)), args -> List.of(1L, 2L));
        int area = guest.malloc(4, 8);

        AbiException e = abiFailure(() -> guest.callImport(words, area));

        assertThat(e.rule()).isEqualTo(Rule.REALLOC);
        assertThat(e.function()).isEqualTo("test:abi/host#words");
        assertThat(e.getMessage()).contains("cabi_realloc(0, 0, 8, 16) returned 0x00001002, which is not aligned");
    }

    @Test
    void trapInReallocSurfacesAsThatTrapWithContext() {
        WasmException.Trap trap = new WasmException.Trap("unreachable", null);
        guest.withRealloc((self, a) -> {
            throw trap;
        });
        ExportFunction echo = ExportFunction.of(Conformance.GUEST + "#echo-point", Conformance.echoPoint());

        assertThatThrownBy(() -> echo.call(guest, List.of(Conformance.point(1, -2, "hi"))))
                .isInstanceOf(WasmException.Trap.class)
                .hasCause(trap)
                .hasMessage("guest trapped in cabi_realloc(0, 0, 1, 2) for a string of 2 bytes while the call to"
                        + " guest export 'theater:conformance/guest#echo-point' passed in param 'v'.label:"
                        + " unreachable");
    }

    @Test
    void guestWithoutReallocCannotReceiveStrings() {
        guest.withoutExport("cabi_realloc");
        ExportFunction echo = ExportFunction.of(Conformance.GUEST + "#echo-point", Conformance.echoPoint());

        AbiException e = abiFailure(() -> echo.call(guest, List.of(Conformance.point(1, -2, "hi"))));

        assertThat(e.rule()).isEqualTo(Rule.GUEST_EXPORT);
        assertThat(e.getMessage()).contains("must export cabi_realloc");
    }

    @Test
    void listsThatReuseTheSameBytesCannotExhaustTheHost() {
        FakeInstance big = new FakeInstance(1 << 20, 16);
        // 8,192 lists of 32 KiB that all point at the same bytes: 256 MiB claimed, 96 KiB spent
        int shared = big.malloc(1, 32 << 10);
        int count = 8192;
        int outer = big.malloc(4, count * 8);
        for (int i = 0; i < count; i++) {
            big.memory().writeInt(outer + 8 * i, shared);
            big.memory().writeInt(outer + 8 * i + 4, 32 << 10);
        }
        HostImport chunks = bind(takes("chunks", new WitType.ListType(new WitType.ListType(Primitive.U8))));

        AbiException e = abiFailure(() -> big.callImport(chunks, outer, count));

        assertThat(e.rule()).isEqualTo(Rule.LIFT_LIMIT);
        assertThat(e.getMessage()).contains("past its lift limit of 67108864 bytes");
        assertThat(called).isFalse();
    }

    @Test
    void liftLimitIsConfigurable() {
        HostImport log = HostImports.bind(MODULE, takes("log", Primitive.STRING), record(), new AbiLimits(4));
        int ptr = write("68656c6c6f");

        assertThat(abiFailure(() -> guest.callImport(log, ptr, 5)).rule()).isEqualTo(Rule.LIFT_LIMIT);
        guest.callImport(log, ptr, 4);
        assertThat(received.get()).containsExactly("hell");
    }

    @Test
    void listsOfEmptyValuesCountTowardTheLiftLimit() {
        HostImport empties = bind(takes("empties", new WitType.ListType(new WitType.TupleType(List.of()))));

        AbiException e = abiFailure(() -> guest.callImport(empties, 0, 0xFFFFFFFFL));

        assertThat(e.rule()).isEqualTo(Rule.LIFT_LIMIT);
    }

    @Test
    void returnPointerIsCheckedBeforeTheHostFunctionRuns() {
        HostImport echo = HostImports.bind(MODULE, Conformance.echoPoint(), args -> {
            called.set(true);
            return args.get(0);
        });
        int label = write("6869");

        AbiException misaligned = abiFailure(() -> guest.callImport(echo, 1, 2, label, 2, 0x1001));
        AbiException outside = abiFailure(() -> guest.callImport(echo, 1, 2, label, 2, 65528));

        assertThat(misaligned.rule()).isEqualTo(Rule.ALIGNMENT);
        assertThat(misaligned.getMessage())
                .isEqualTo("guest call to host import 'test:abi/host#echo-point' passed a return pointer 0x00001001"
                        + " for point, which needs 4-byte alignment: a pointer to a value must be aligned to the"
                        + " value's type");
        assertThat(outside.rule()).isEqualTo(Rule.BOUNDS);
        assertThat(called).isFalse();
    }

    @Test
    void parameterAreaIsCheckedLikeAnyPointer() {
        HostImport wide = bind(Conformance.echo("wide", Conformance.WIDE));
        int area = guest.malloc(4, 68);

        assertThat(abiFailure(() -> guest.callImport(wide, area + 2, area)).rule())
                .isEqualTo(Rule.ALIGNMENT);
        assertThat(abiFailure(() -> guest.callImport(wide, 65532, area)).rule()).isEqualTo(Rule.BOUNDS);
    }

    @Test
    void wrongNumberOfCoreArgumentsIsRefused() {
        HostImport log = bind(takes("log", Primitive.STRING));

        assertThat(abiFailure(() -> guest.callImport(log, 0)).rule()).isEqualTo(Rule.CORE_SIGNATURE);
    }

    @Test
    void errorsInsideListsNameTheElement() {
        HostImport strings = bind(takes("strings", Conformance.STRINGS));
        int good = write("6869");
        int bad = write("c0af");
        int list = guest.malloc(4, 24);
        int[] entries = {good, 2, good, 2, bad, 2};
        for (int i = 0; i < entries.length; i++) {
            guest.memory().writeInt(list + 4 * i, entries[i]);
        }

        AbiException e = abiFailure(() -> guest.callImport(strings, list, 3));

        assertThat(e.rule()).isEqualTo(Rule.UTF8);
        assertThat(e.path()).isEqualTo("param 'v'[2]");
    }

    @Test
    void guestResultErrorsNameThePathInTheResult() {
        int bad = write("eda080");
        int area = guest.malloc(4, 16);
        guest.memory().writeInt(area, 1);
        guest.memory().writeInt(area + 4, 2);
        guest.memory().writeInt(area + 8, bad);
        guest.memory().writeInt(area + 12, 3);
        ExportFunction echo = export(Conformance.GUEST + "#echo-point", Conformance.echoPoint(), area);

        AbiException e = abiFailure(() -> echo.call(guest, List.of(Conformance.point(1, 2, ""))));

        assertThat(e.path()).isEqualTo("result.label");
        assertThat(e.getMessage())
                .startsWith("guest export 'theater:conformance/guest#echo-point' returned in"
                        + " result.label a string at ");
    }

    @Test
    void functionWithoutResultReturnsNothing() {
        HostImport log = bind(takes("log", Primitive.STRING));
        assertThat(log.type().results()).isEmpty();
        assertThat(guest.callImport(log, 0, 0)).isEmpty();
        assertThat(received.get()).containsExactly("");
    }
}
