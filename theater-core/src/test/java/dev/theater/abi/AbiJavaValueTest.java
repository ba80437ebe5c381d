package dev.theater.abi;

import static dev.theater.abi.AbiAssertions.abiFailure;
import static dev.theater.abi.AbiAssertions.takes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.abi.AbiException.Rule;
import dev.theater.abi.testing.FakeInstance;
import dev.theater.engine.HostImport;
import dev.theater.spi.WitEnum;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitType;
import dev.theater.wit.WitType.Primitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Java values are checked against their WIT type before anything is written to the guest. */
class AbiJavaValueTest {
    private static final String ECHO_POINT = Conformance.GUEST + "#echo-point";

    private final FakeInstance guest = new FakeInstance();

    private AbiException lowering(WitFunction function, Object... args) {
        ExportFunction export = ExportFunction.of(Conformance.GUEST + "#" + function.name(), function);
        guest.withExport(export.exportName(), export.coreType(), (self, a) -> new long[0]);
        return abiFailure(() -> export.call(guest, Arrays.asList(args)));
    }

    private static WitRecord record(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new WitRecord(fields);
    }

    @Test
    void wrongJavaTypeNamesTheFunctionThePathTheWitTypeAndTheJavaType() {
        AbiException e = lowering(Conformance.echoPoint(), record("x", 1, "y", 2, "label", 7));

        assertThat(e.rule()).isEqualTo(Rule.JAVA_VALUE);
        assertThat(e.function()).isEqualTo(ECHO_POINT);
        assertThat(e.path()).isEqualTo("param 'v'.label");
        assertThat(e.getMessage())
                .isEqualTo("call to guest export 'theater:conformance/guest#echo-point' passed in param 'v'.label a"
                        + " java.lang.Integer where WIT type string needs a java.lang.String: a Java value must fit"
                        + " its WIT type as dev.theater.spi.HostFunction maps them");
        assertThat(guest.calls(ECHO_POINT)).isEmpty();
    }

    @Test
    void missingRecordFieldIsNamed() {
        AbiException e = lowering(Conformance.echoPoint(), record("x", 1, "y", 2));

        assertThat(e.rule()).isEqualTo(Rule.JAVA_VALUE);
        assertThat(e.path()).isEqualTo("param 'v'.label");
        assertThat(e.getMessage()).contains("the WitRecord for record point has no field 'label'");
    }

    @Test
    void unknownRecordFieldIsRefused() {
        AbiException e = lowering(Conformance.echoPoint(), record("x", 1, "y", 2, "label", "", "z", 3));

        assertThat(e.rule()).isEqualTo(Rule.JAVA_VALUE);
        assertThat(e.getMessage()).contains("field(s) [z] that record point does not have");
    }

    @Test
    void integersMustUseTheirOwnBoxedType() {
        AbiException e = lowering(takes("byte", Primitive.U8), 200);

        assertThat(e.rule()).isEqualTo(Rule.JAVA_VALUE);
        assertThat(e.getMessage()).contains("a java.lang.Integer where WIT type u8 needs a java.lang.Byte");
    }

    @Test
    void nullIsNotAValue() {
        AbiException e = lowering(takes("s", Primitive.STRING), (Object) null);

        assertThat(e.getMessage()).contains("passed in param 'v' null where WIT type string needs");
    }

    @Test
    void unknownCasesAndFlagsAreRefused() {
        assertThat(lowering(Conformance.echo("color", Conformance.COLOR), new WitEnum("purple"))
                        .getMessage())
                .contains("the case 'purple', which enum color does not have (its cases: red, green, blue)");
        assertThat(lowering(Conformance.echo("shape", Conformance.SHAPE), new WitVariant("hexagon", null))
                        .rule())
                .isEqualTo(Rule.JAVA_VALUE);
        assertThat(lowering(Conformance.echo("perms", Conformance.PERMS), WitFlags.of("read", "sudo"))
                        .getMessage())
                .contains("the flag 'sudo', which flags perms does not have");
    }

    @Test
    void payloadOnACaseWithoutOneIsRefused() {
        AbiException e = lowering(Conformance.echo("shape", Conformance.SHAPE), new WitVariant("empty", "x"));

        assertThat(e.path()).isEqualTo("param 'v'.empty");
    }

    @Test
    void resultPayloadMustMatchItsSide() {
        WitType r = new WitType.ResultType(Optional.empty(), Optional.of(Primitive.STRING));

        assertThat(lowering(takes("r", r), WitResult.ok("x")).path()).isEqualTo("param 'v'.ok");
        assertThat(lowering(takes("r", r), WitResult.err(5)).path()).isEqualTo("param 'v'.err");
    }

    @Test
    void tupleMustHaveOneValuePerElement() {
        AbiException e = lowering(Conformance.echo("quad", Conformance.QUAD), WitTuple.of((byte) 1, "a"));

        assertThat(e.getMessage()).contains("a WitTuple of 2 elements where tuple<u8, string, f64, bool> has 4");
    }

    @Test
    void stringWithAnUnpairedSurrogateHasNoUtf8Form() {
        AbiException e = lowering(takes("s", Primitive.STRING), "ab\uD800c");

        assertThat(e.rule()).isEqualTo(Rule.JAVA_VALUE);
        assertThat(e.getMessage()).contains("unpaired surrogate U+D800 at index 2");
    }

    @Test
    void charMustBeAScalarValue() {
        assertThat(lowering(Conformance.echoChar(), 0xDC00).getMessage())
                .contains("the char 0xDC00, which is not a Unicode scalar value");
        assertThat(lowering(Conformance.echoChar(), 0x110000).rule()).isEqualTo(Rule.JAVA_VALUE);
    }

    @Test
    void argumentCountMustMatchTheSignature() {
        AbiException e = lowering(Conformance.echoPoint());

        assertThat(e.rule()).isEqualTo(Rule.ARGUMENT_COUNT);
        assertThat(e.getMessage()).contains("0 arguments to func(v: point) -> point");
    }

    @Test
    void listOfBytesIsAByteArray() {
        AbiException e = lowering(takes("b", new WitType.ListType(Primitive.U8)), new ArrayList<>(List.of((byte) 1)));

        assertThat(e.getMessage()).contains("a java.util.ArrayList where WIT type list<u8> needs a byte[]");
    }

    @Test
    void hostFunctionResultIsCheckedAgainstItsType() {
        HostImport echo = HostImports.bind(Conformance.HOST, Conformance.echoChar(), args -> "a");
        HostImport none = HostImports.bind(Conformance.HOST, Conformance.echoChar(), args -> null);

        AbiException e = abiFailure(() -> guest.callImport(echo, 'a'));

        assertThat(e.function()).isEqualTo("theater:conformance/host#echo-char");
        assertThat(e.path()).isEqualTo("result");
        assertThat(e.getMessage())
                .startsWith("host import 'theater:conformance/host#echo-char' returned a java.lang.String where WIT"
                        + " type char needs a java.lang.Integer (a Unicode scalar value)");
        assertThat(abiFailure(() -> guest.callImport(none, 'a')).getMessage()).contains("returned null where");
    }

    @Test
    void hostFunctionResultErrorsNameThePath() {
        HostImport echo = HostImports.bind(
                Conformance.HOST, Conformance.echoPoint(), args -> record("x", 1, "y", 2, "label", 'c'));
        int area = guest.malloc(4, 16);

        AbiException e = abiFailure(() -> guest.callImport(echo, 1, 2, 0, 0, area));

        assertThat(e.path()).isEqualTo("result.label");
        assertThat(e.getMessage())
                .startsWith("host import 'theater:conformance/host#echo-point' returned in"
                        + " result.label a java.lang.Character where");
    }
}
