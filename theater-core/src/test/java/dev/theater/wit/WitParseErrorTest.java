package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parse and resolution errors point at the exact line and column and say what was found and what was expected. */
class WitParseErrorTest {

    /** Lines of a file; line N of the result is {@code lines[N - 1]}. */
    private static String src(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static WitParseException parseError(String source) {
        try {
            WitParser.parse(source, "test.wit");
        } catch (WitParseException e) {
            return e;
        }
        throw new AssertionError("expected a WitParseException for:\n" + source);
    }

    private static void assertError(WitParseException e, int line, int column, String messagePart) {
        assertThat(e.file()).isEqualTo("test.wit");
        assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of: %s", e.getMessage()).isEqualTo(column);
        assertThat(e.getMessage())
                .startsWith("test.wit:" + line + ":" + column + ": ")
                .contains(messagePart);
    }

    @Test
    void missingSemicolonIsReportedRightAfterTheDeclaration() {
        WitParseException e = parseError(src(
                "package test:pkg;",
                "interface runtime {",
                "    log: func(msg: string)",
                "    get-chain: func() -> u64;",
                "}"));

        assertError(e, 3, 27, "expected ';' after function 'log', found 'get-chain'");
    }

    @Test
    void unknownTypeIsReportedWhereItIsUsedWithASuggestion() {
        WitParseException e =
                parseError(src("package test:pkg;", "interface i {", "    f: func(a: u32, b: strng) -> u8;", "}"));

        assertError(e, 3, 24, "unknown type 'strng' in interface 'i' (did you mean 'string'?); define it");
    }

    @Test
    void typesNestedDeeperThanTheLimitAreAParseErrorNotAStackOverflow() {
        String deep = "list<".repeat(100_000) + "u8" + ">".repeat(100_000);
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    type t = " + deep + ";", "}"));

        assertError(e, 3, 14 + 5 * 64, "types nest more than 64 deep");
    }

    @Test
    void wrongTokenSaysWhatWasExpectedAndWhatWasFound() {
        WitParseException e =
                parseError(src("package test:pkg;", "interface i {", "    log: func(msg -> string);", "}"));

        assertError(e, 3, 19, "expected ':' after parameter name 'msg', found '->'");
    }

    @Test
    void keywordWhereANameBelongsIsReportedWithTheEscape() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    record r { a u8 }", "}"));

        assertError(e, 3, 18, "expected ':' after field name 'a', found keyword 'u8'");
    }

    @Test
    void characterOutsideTheLanguageIsReportedWhereItIs() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    type x = u8 $;", "}"));

        assertError(e, 3, 17, "unexpected character '$' (U+0024)");
    }

    @Test
    void unterminatedBlockCommentIsReportedAtItsStart() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "  /* not closed", "}"));

        assertError(e, 3, 3, "unterminated block comment");
    }

    @Test
    void resourcesAreRefusedWithAClearMessage() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    resource file;", "}"));

        assertError(e, 3, 5, "resources are not supported");
    }

    @Test
    void handleTypesAreRefused() {
        WitParseException e =
                parseError(src("package test:pkg;", "interface i {", "    f: func(h: borrow<file>);", "}"));

        assertError(e, 3, 16, "handles ('own<T>', 'borrow<T>') are not supported");
    }

    @Test
    void duplicateFieldIsReportedAtTheSecondOneAndNamesTheFirst() {
        WitParseException e = parseError(src(
                "package test:pkg;",
                "interface i {",
                "    record point {",
                "        x: s32,",
                "        y: s32,",
                "        x: s32,",
                "    }",
                "}"));

        assertError(e, 6, 9, "duplicate field 'x' in record 'point': already declared at test.wit:4:9");
    }

    @Test
    void duplicateNameAcrossTypesAndFunctionsIsAnError() {
        WitParseException e =
                parseError(src("package test:pkg;", "interface i {", "    type log = u8;", "    log: func();", "}"));

        assertError(e, 4, 5, "duplicate name 'log' in interface 'i': already declared at test.wit:3:10");
    }

    @Test
    void duplicateInterfaceIsAnError() {
        WitParseException e = parseError(src("package test:pkg;", "interface a {}", "world a {}"));

        assertError(e, 3, 7, "duplicate name 'a'");
    }

    @Test
    void cyclicAliasesAreAnErrorAtTheReferenceClosingTheCycle() {
        WitParseException e =
                parseError(src("package test:pkg;", "interface i {", "    type a = b;", "    type b = a;", "}"));

        assertError(e, 4, 14, "cyclic type alias: 'a' is defined in terms of itself (a -> b -> a)");
    }

    @Test
    void recursiveRecordIsAnError() {
        WitParseException e =
                parseError(src("package test:pkg;", "interface i {", "    record node { next: option<node> }", "}"));

        assertError(e, 3, 32, "recursive type: 'node' contains itself (node -> node)");
    }

    @Test
    void useOfAMissingTypeIsReportedAtTheUsedName() {
        WitParseException e = parseError(src(
                "package test:pkg;",
                "interface types { type id = string; }",
                "interface i {",
                "    use types.{id, nope};",
                "}"));

        assertError(e, 4, 20, "interface 'types' has no type 'nope'; its types are: id");
    }

    @Test
    void useOfAnUnknownInterfaceIsAnError() {
        WitParseException e =
                parseError(src("package test:pkg;", "interface i {", "    use typse.{id};", "}", "interface types {}"));

        assertError(e, 3, 9, "unknown interface 'typse' in 'use typse.{...}' (did you mean 'types'?)");
    }

    @Test
    void useOfAnUnknownPackageSaysToAddItToTheLibrary() {
        WitParseException e =
                parseError(src("package test:pkg;", "interface i {", "    use wasi:io/streams.{x};", "}"));

        assertError(e, 3, 9, "package 'wasi:io', which is not known");
    }

    @Test
    void worldImportOfAnUnknownInterfaceIsAnError() {
        WitParseException e = parseError(src("package test:pkg;", "interface host {}", "world w { import hots; }"));

        assertError(e, 3, 18, "world 'w' imports unknown interface 'hots' (did you mean 'host'?)");
    }

    @Test
    void identifiersMustBeKebabCase() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    type myType = u8;", "}"));

        assertError(e, 3, 10, "identifier 'myType' is not kebab-case");
        assertThat(e.getMessage()).contains("write it as 'my-type'");
    }

    @Test
    void keywordAsANameNeedsAnEscape() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    record r { type: u8 }", "}"));

        assertError(e, 3, 16, "found keyword 'type'; a keyword is a name only when escaped: '%type'");
    }

    @Test
    void missingClosingBraceIsReportedAtTheEndOfTheFile() {
        WitParseException e = parseError("package test:pkg;\ninterface i {\n    f: func();\n");

        assertError(e, 4, 1, "expected '}' to close interface 'i' (opened at line 2), found end of file");
    }

    @Test
    void resultWithUnderscoreNeedsAnErrorType() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    type r = result<_>;", "}"));

        assertError(e, 3, 22, "expected ',' after '_' in 'result<_, E>', found '>'");
    }

    @Test
    void namedResultsAreRefused() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    f: func() -> (a: u8);", "}"));

        assertError(e, 3, 18, "named or multiple results are not supported");
    }

    @Test
    void semicolonAfterAClosingBraceIsReportedWithTheRule() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    enum e { a };", "}"));

        assertError(e, 3, 17, "unexpected ';': declarations that end with '}'");
    }

    @Test
    void fixedLengthListsAreRefused() {
        WitParseException e = parseError(src("package test:pkg;", "interface i {", "    type l = list<u8, 4>;", "}"));

        assertError(e, 3, 21, "fixed-length lists ('list<T, N>') are not supported");
    }

    @Test
    void featureGatesAreRefused() {
        WitParseException e = parseError(
                src("package test:pkg;", "interface i {", "    @since(version = 0.2.0)", "    f: func();", "}"));

        assertError(e, 3, 5, "feature gates ('@since', '@unstable', '@deprecated') are not supported");
    }

    @Test
    void fileWithoutPackageDeclarationIsAnError() {
        WitParseException e = parseError(src("interface i {}"));

        assertError(e, 1, 1, "this file has no package declaration");
    }

    @Test
    void invalidVersionIsAnError() {
        WitParseException e = parseError(src("package test:pkg@1.0;"));

        assertError(e, 1, 17, "version '1.0' is not a semantic version");
    }

    @Test
    void filesOfOnePackageMustAgreeOnItsName() {
        WitParseException e = null;
        try {
            WitParser.parsePackage(List.of(
                    new WitSource("a.wit", src("package test:a;")), new WitSource("b.wit", src("package test:b;"))));
        } catch (WitParseException thrown) {
            e = thrown;
        }

        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo("b.wit");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage()).contains("declares package 'test:b' but a.wit declares 'test:a'");
    }

    @Test
    void columnsCountCodePointsAndTabsCountOne() {
        WitParseException e =
                parseError("package test:pkg;\n/* \u00e9\uD834\uDD1E */\tinterface i { f: func(a: nope); }\n");

        assertError(e, 2, 35, "unknown type 'nope'");
    }
}
