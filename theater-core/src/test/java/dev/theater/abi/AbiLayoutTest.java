package dev.theater.abi;

import static dev.theater.engine.ValType.F32;
import static dev.theater.engine.ValType.F64;
import static dev.theater.engine.ValType.I32;
import static dev.theater.engine.ValType.I64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.ValType;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitType;
import dev.theater.wit.WitType.Case;
import dev.theater.wit.WitType.Field;
import dev.theater.wit.WitType.Primitive;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AbiLayoutTest {

    private static void assertLayout(WitType type, int size, int align, ValType... flat) {
        assertThat(AbiLayout.size(type)).as("size of %s", type.witName()).isEqualTo(size);
        assertThat(AbiLayout.alignment(type))
                .as("alignment of %s", type.witName())
                .isEqualTo(align);
        assertThat(AbiLayout.flat(type)).as("flat types of %s", type.witName()).containsExactly(flat);
    }

    private static WitType.VariantType variant(WitType... payloads) {
        List<Case> cases = IntStream.range(0, payloads.length)
                .mapToObj(i -> new Case("c" + i, Optional.ofNullable(payloads[i])))
                .toList();
        return new WitType.VariantType("v", cases);
    }

    private static List<String> names(int count) {
        return IntStream.range(0, count).mapToObj(i -> "n" + i).toList();
    }

    @Test
    void scalarsAreAlignedToTheirSize() {
        assertLayout(Primitive.BOOL, 1, 1, I32);
        assertLayout(Primitive.S8, 1, 1, I32);
        assertLayout(Primitive.U16, 2, 2, I32);
        assertLayout(Primitive.S32, 4, 4, I32);
        assertLayout(Primitive.U64, 8, 8, I64);
        assertLayout(Primitive.F32, 4, 4, F32);
        assertLayout(Primitive.F64, 8, 8, F64);
        assertLayout(Primitive.CHAR, 4, 4, I32);
    }

    @Test
    void stringsAndListsAreAPointerAndALength() {
        assertLayout(Primitive.STRING, 8, 4, I32, I32);
        assertLayout(new WitType.ListType(Primitive.U8), 8, 4, I32, I32);
        assertLayout(new WitType.ListType(Primitive.F64), 8, 4, I32, I32);
    }

    @Test
    void recordFieldsAreAlignedAndTheSizeRoundsUpToTheAlignment() {
        WitType mixed = new WitType.RecordType(
                "mixed",
                List.of(new Field("a", Primitive.U8), new Field("b", Primitive.U64), new Field("c", Primitive.U16)));
        // a at 0, b at 8, c at 16; 18 rounds up to 24
        assertLayout(mixed, 24, 8, I32, I64, I32);
        assertLayout(Conformance.POINT, 16, 4, I32, I32, I32, I32);
        // 8 + 8 + 4 + 4 + 2 + 2 + 1 + 1 = 30, rounded up to 32
        assertLayout(Conformance.EXTREMES, 32, 8, I64, I64, I32, I32, I32, I32, I32, I32);
    }

    @Test
    void tuplesAreLaidOutLikeRecords() {
        // u8 at 0, string at 4, f64 at 16, bool at 24; 25 rounds up to 32
        assertLayout(Conformance.QUAD, 32, 8, I32, I32, I32, F64, I32);
        assertLayout(new WitType.TupleType(List.of()), 0, 1);
    }

    @Test
    void variantPayloadsFollowTheDiscriminantAtTheLargestPayloadAlignment() {
        // u8 discriminant, payload at 8 (f64), largest payload point (16 bytes): 24
        assertThat(AbiLayout.size(Conformance.SHAPE)).isEqualTo(24);
        assertThat(AbiLayout.alignment(Conformance.SHAPE)).isEqualTo(8);
    }

    @Test
    void variantFlatTypesAreJoinedPositionByPosition() {
        // circle: [f64]; rect: [i32 i32 i32 i32]; named: [i32 i32]; f64 joined with i32 is i64
        assertThat(AbiLayout.flat(Conformance.SHAPE)).containsExactly(I32, I64, I32, I32, I32);
        assertLayout(variant(Primitive.F32, Primitive.U32), 8, 4, I32, I32);
        assertLayout(variant(Primitive.F32, Primitive.F32), 8, 4, I32, F32);
        assertLayout(variant(Primitive.F32, Primitive.U64), 16, 8, I32, I64);
        assertLayout(variant(Primitive.F64, Primitive.F32), 16, 8, I32, I64);
        assertLayout(variant(Primitive.U8, null), 2, 1, I32, I32);
    }

    @Test
    void optionAndResultAreVariants() {
        assertLayout(new WitType.OptionType(Primitive.U8), 2, 1, I32, I32);
        assertLayout(new WitType.OptionType(Primitive.U64), 16, 8, I32, I64);
        assertLayout(new WitType.ResultType(Optional.empty(), Optional.empty()), 1, 1, I32);
        assertLayout(new WitType.ResultType(Optional.empty(), Optional.of(Primitive.STRING)), 12, 4, I32, I32, I32);
        // option<string>: 12 bytes; result<option<string>, list<u8>>: 4 + 12 = 16; option of that: 4 + 16 = 20
        assertLayout(Conformance.NESTED, 20, 4, I32, I32, I32, I32, I32);
    }

    @Test
    void enumDiscriminantIsTheSmallestIntegerThatCoversTheCases() {
        assertLayout(Conformance.COLOR, 1, 1, I32);
        assertLayout(new WitType.EnumType("e256", names(256)), 1, 1, I32);
        assertLayout(new WitType.EnumType("e257", names(257)), 2, 2, I32);
        assertLayout(new WitType.EnumType("e65536", names(65536)), 2, 2, I32);
        assertLayout(new WitType.EnumType("e65537", names(65537)), 4, 4, I32);
    }

    @Test
    void flagsArePackedBitsWithOneI32PerThirtyTwoFlags() {
        assertLayout(new WitType.FlagsType("f0", List.of()), 0, 1);
        assertLayout(Conformance.PERMS, 1, 1, I32);
        assertLayout(new WitType.FlagsType("f8", names(8)), 1, 1, I32);
        assertLayout(new WitType.FlagsType("f9", names(9)), 2, 2, I32);
        assertLayout(new WitType.FlagsType("f17", names(17)), 4, 4, I32);
        assertLayout(new WitType.FlagsType("f32", names(32)), 4, 4, I32);
        assertLayout(new WitType.FlagsType("f33", names(33)), 8, 4, I32, I32);
        assertLayout(new WitType.FlagsType("f65", names(65)), 12, 4, I32, I32, I32);
    }

    @Test
    void exportsReturnMoreThanOneFlatResultThroughAReturnArea() {
        ExportFunction point = ExportFunction.of(Conformance.GUEST + "#echo-point", Conformance.echoPoint());
        assertThat(point.coreType()).isEqualTo(CoreFunctionType.of(List.of(I32, I32, I32, I32), List.of(I32)));
        ExportFunction floats = ExportFunction.of(Conformance.GUEST + "#echo-floats", Conformance.echoFloats());
        assertThat(floats.coreType()).isEqualTo(CoreFunctionType.of(List.of(F32, F64), List.of(I32)));
        ExportFunction color =
                ExportFunction.of(Conformance.GUEST + "#echo-color", Conformance.echo("color", Conformance.COLOR));
        assertThat(color.coreType()).isEqualTo(CoreFunctionType.of(List.of(I32), List.of(I32)));
    }

    @Test
    void importsTakeAReturnPointerForMoreThanOneFlatResult() {
        assertThat(HostImports.coreType(Conformance.echoPoint()))
                .isEqualTo(CoreFunctionType.of(List.of(I32, I32, I32, I32, I32), List.of()));
        assertThat(HostImports.coreType(Conformance.echoFloats()))
                .isEqualTo(CoreFunctionType.of(List.of(F32, F64, I32), List.of()));
        assertThat(HostImports.coreType(Conformance.echoChar()))
                .isEqualTo(CoreFunctionType.of(List.of(I32), List.of(I32)));
    }

    @Test
    void moreThanSixteenFlatParamsArePassedAsOnePointer() {
        var wide = Conformance.echo("wide", Conformance.WIDE);
        assertThat(AbiLayout.flat(Conformance.WIDE)).hasSize(17);
        assertThat(ExportFunction.of(Conformance.GUEST + "#echo-wide", wide).coreType())
                .isEqualTo(CoreFunctionType.of(List.of(I32), List.of(I32)));
        assertThat(HostImports.coreType(wide)).isEqualTo(CoreFunctionType.of(List.of(I32, I32), List.of()));
    }

    @Test
    void sixteenFlatParamsStayFlat() {
        List<Field> params = IntStream.range(0, 16)
                .mapToObj(i -> new Field("p" + i, Primitive.U8))
                .toList();
        var f = new WitFunction("sixteen", params, Optional.empty());
        assertThat(HostImports.coreType(f).params()).hasSize(16);
    }
}
