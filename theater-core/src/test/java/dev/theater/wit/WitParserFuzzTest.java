package dev.theater.wit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzz target: any text given to the WIT parser either parses or fails with a {@link WitParseException}; nothing
 * else escapes (no stack overflow, no runtime exception). Its committed inputs run with the tests; {@code
 * scripts/fuzz} fuzzes it.
 */
class WitParserFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void anyTextParsesOrFailsWithAWitParseException(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        try {
            WitParser.parse(text, "fuzz.wit");
        } catch (WitParseException expected) {
            // the documented outcome for text that is not a valid package
        }
        try {
            WitParser.parsePackage(List.of(new WitSource("a.wit", text), new WitSource("b.wit", "package a:b;")));
        } catch (WitParseException expected) {
            // the same, across files
        }
    }
}
