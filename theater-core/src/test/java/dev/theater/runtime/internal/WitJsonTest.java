package dev.theater.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.spi.WitEnum;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitType;
import dev.theater.wit.WitType.Primitive;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WitJsonTest {
    @Test
    void aValueUpToTheInlineLimitIsRecordedAsItIs() {
        String text = "x".repeat(WitJson.INLINE_LIMIT - 2);
        assertThat(WitJson.bounded(Primitive.STRING, text)).isEqualTo("\"" + text + "\"");
    }

    @Test
    void aLargerValueIsRecordedAsTheDigestOfItsJson() throws Exception {
        byte[] big = new byte[1 << 20];
        String json = WitJson.write(new WitType.ListType(Primitive.U8), big);
        String sha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(WitJson.bounded(new WitType.ListType(Primitive.U8), big))
                .isEqualTo("{\"$digest\":{\"json_chars\":" + json.length() + ",\"sha256\":\"" + sha256 + "\"}}");
    }

    @Test
    void unsignedIntegersAreWrittenAsTheirUnsignedReading() {
        assertThat(WitJson.write(Primitive.U8, (byte) -1)).isEqualTo("255");
        assertThat(WitJson.write(Primitive.U16, (short) -1)).isEqualTo("65535");
        assertThat(WitJson.write(Primitive.U32, -1)).isEqualTo("4294967295");
        assertThat(WitJson.write(Primitive.U64, -1L)).isEqualTo("18446744073709551615");
        assertThat(WitJson.write(Primitive.S64, Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    }

    @Test
    void nonFiniteFloatsAreStringsBecauseJsonHasNoNumberForThem() {
        assertThat(WitJson.write(Primitive.F64, Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(WitJson.write(Primitive.F32, Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        assertThat(WitJson.write(Primitive.F64, 1.5)).isEqualTo("1.5");
    }

    @Test
    void byteListsAreBase64AndOtherListsArrays() {
        assertThat(WitJson.write(new WitType.ListType(Primitive.U8), new byte[] {1, 2, 3}))
                .isEqualTo("\"AQID\"");
        assertThat(WitJson.write(new WitType.ListType(Primitive.STRING), List.of("a", "b")))
                .isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void stringsAreEscapedAndCharsAreStrings() {
        assertThat(WitJson.write(Primitive.STRING, "a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
        assertThat(WitJson.write(Primitive.CHAR, 0x1F3AD)).isEqualTo("\"\uD83C\uDFAD\"");
    }

    @Test
    void nestedOptionsKeepNoneAndSomeNoneApart() {
        WitType nested = new WitType.OptionType(new WitType.OptionType(Primitive.U32));

        assertThat(WitJson.write(nested, Optional.empty())).isEqualTo("null");
        assertThat(WitJson.write(nested, Optional.of(Optional.empty()))).isEqualTo("{\"some\":null}");
        assertThat(WitJson.write(nested, Optional.of(Optional.of(7)))).isEqualTo("{\"some\":7}");
    }

    @Test
    void compoundValuesFollowTheirTypes() {
        WitType.ResultType result = new WitType.ResultType(Optional.empty(), Optional.of(Primitive.STRING));
        assertThat(WitJson.write(result, WitResult.ok(null))).isEqualTo("{\"ok\":null}");
        assertThat(WitJson.write(result, WitResult.err("no"))).isEqualTo("{\"err\":\"no\"}");

        WitType.TupleType tuple = new WitType.TupleType(List.of(Primitive.BOOL, Primitive.S32));
        assertThat(WitJson.write(tuple, WitTuple.of(true, -3))).isEqualTo("[true,-3]");

        WitType.RecordType point = new WitType.RecordType(
                "point", List.of(new WitType.Field("x", Primitive.S32), new WitType.Field("y", Primitive.S32)));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("y", 2);
        fields.put("x", 1);
        assertThat(WitJson.write(point, new WitRecord(fields))).isEqualTo("{\"x\":1,\"y\":2}");

        WitType.VariantType shape = new WitType.VariantType(
                "shape",
                List.of(
                        new WitType.Case("none", Optional.empty()),
                        new WitType.Case("circle", Optional.of(Primitive.U32))));
        assertThat(WitJson.write(shape, WitVariant.of("none"))).isEqualTo("{\"none\":null}");
        assertThat(WitJson.write(shape, new WitVariant("circle", 5))).isEqualTo("{\"circle\":5}");

        assertThat(WitJson.write(new WitType.EnumType("color", List.of("red")), new WitEnum("red")))
                .isEqualTo("\"red\"");
        assertThat(WitJson.write(
                        new WitType.FlagsType("perms", List.of("read", "write", "exec")), WitFlags.of("exec", "read")))
                .isEqualTo("[\"read\",\"exec\"]");
    }

    @Test
    void aValueThatDoesNotMatchItsTypeIsDescribedInsteadOfFailing() {
        assertThat(WitJson.write(Primitive.STRING, 42)).isEqualTo("\"<not a string: Integer>\"");
        assertThat(WitJson.write(new WitType.ListType(Primitive.U8), null)).isEqualTo("\"<not a list<u8>: null>\"");
    }

    @Test
    void backspaceAndFormFeedAreSixCharacterEscapesLikeEveryOtherControlCharacter() {
        assertThat(WitJson.write(Primitive.STRING, "a\bb\fc\u001fd")).isEqualTo("\"a\\u0008b\\u000cc\\u001fd\"");
        assertThat(WitJson.object(Map.of("k\b", WitJson.string("v\f")))).isEqualTo("{\"k\\u0008\":\"v\\u000c\"}");
        assertThat(WitJson.write(Primitive.STRING, "tab\tafter")).isEqualTo("\"tab\\tafter\"");
    }

    @Test
    void anUnpairedSurrogateBecomesTheReplacementCharacterAndPairsStayAsTheyAre() {
        assertThat(WitJson.write(Primitive.STRING, "a\ud800b")).isEqualTo("\"a\ufffdb\"");
        assertThat(WitJson.write(Primitive.STRING, "mask \ud83c\udfad")).isEqualTo("\"mask \ud83c\udfad\"");
    }
}
