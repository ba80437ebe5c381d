package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.wit.WitType.Case;
import dev.theater.wit.WitType.EnumType;
import dev.theater.wit.WitType.Field;
import dev.theater.wit.WitType.FlagsType;
import dev.theater.wit.WitType.ListType;
import dev.theater.wit.WitType.OptionType;
import dev.theater.wit.WitType.Primitive;
import dev.theater.wit.WitType.RecordType;
import dev.theater.wit.WitType.ResultType;
import dev.theater.wit.WitType.TupleType;
import dev.theater.wit.WitType.VariantType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WitParserTest {

    private static String src(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static WitInterface only(String... interfaceBody) {
        String[] lines = new String[interfaceBody.length + 3];
        lines[0] = "package test:pkg;";
        lines[1] = "interface i {";
        System.arraycopy(interfaceBody, 0, lines, 2, interfaceBody.length);
        lines[lines.length - 1] = "}";
        return WitParser.parse(src(lines), "test.wit").iface("i").orElseThrow();
    }

    private static WitType type(WitInterface iface, String name) {
        return iface.type(name).orElseThrow();
    }

    private static final ListType BYTES = new ListType(Primitive.U8);

    @Test
    void packageNameAndInterfacesAreRecordedWithoutVersion() {
        WitPackage pkg =
                WitParser.parse(src("package my-org:my-pkg@1.2.0-rc.1;", "interface a {}", "interface b {}"), "p.wit");

        assertThat(pkg.name()).isEqualTo("my-org:my-pkg");
        assertThat(pkg.interfaces()).containsOnlyKeys("a", "b");
        assertThat(pkg.iface("a").orElseThrow().qualifiedName()).isEqualTo("my-org:my-pkg/a");
        assertThat(pkg.iface("a").orElseThrow().packageName()).isEqualTo("my-org:my-pkg");
    }

    @Test
    void everyPrimitiveParsesAndFloatAliasesMeanF32AndF64() {
        WitInterface i = only(
                "type a = bool; type b = s8; type c = u8; type d = s16; type e = u16; type f = s32;",
                "type g = u32; type h = s64; type j = u64; type k = f32; type l = f64; type m = char;",
                "type n = string; type o = float32; type p = float64;");

        assertThat(i.types().values())
                .containsExactly(
                        Primitive.BOOL,
                        Primitive.S8,
                        Primitive.U8,
                        Primitive.S16,
                        Primitive.U16,
                        Primitive.S32,
                        Primitive.U32,
                        Primitive.S64,
                        Primitive.U64,
                        Primitive.F32,
                        Primitive.F64,
                        Primitive.CHAR,
                        Primitive.STRING,
                        Primitive.F32,
                        Primitive.F64);
    }

    @Test
    void resultHasFourForms() {
        WitInterface i = only(
                "type none = result;",
                "type ok-only = result<u32>;",
                "type err-only = result<_, string>;",
                "type both = result<u32, string>;");

        assertThat(type(i, "none")).isEqualTo(new ResultType(Optional.empty(), Optional.empty()));
        assertThat(type(i, "ok-only")).isEqualTo(new ResultType(Optional.of(Primitive.U32), Optional.empty()));
        assertThat(type(i, "err-only")).isEqualTo(new ResultType(Optional.empty(), Optional.of(Primitive.STRING)));
        assertThat(type(i, "both"))
                .isEqualTo(new ResultType(Optional.of(Primitive.U32), Optional.of(Primitive.STRING)));
        assertThat(type(i, "err-only").witName()).isEqualTo("result<_, string>");
    }

    @Test
    void listOptionAndTupleNest() {
        WitInterface i = only("type t = tuple<list<option<u8>>, option<list<string>>, tuple<bool,>,>;");

        assertThat(type(i, "t"))
                .isEqualTo(new TupleType(List.of(
                        new ListType(new OptionType(Primitive.U8)),
                        new OptionType(new ListType(Primitive.STRING)),
                        new TupleType(List.of(Primitive.BOOL)))));
    }

    @Test
    void recordVariantEnumAndFlagsBecomeNamedTypesWithMembersInOrder() {
        WitInterface i = only(
                "record point { x: s32, y: s32 }",
                "variant shape { circle(f64), rect(point), empty }",
                "enum color { red, green, blue }",
                "flags perms { read, write, exec }");

        RecordType point =
                new RecordType("point", List.of(new Field("x", Primitive.S32), new Field("y", Primitive.S32)));
        assertThat(type(i, "point")).isEqualTo(point);
        assertThat(type(i, "shape"))
                .isEqualTo(new VariantType(
                        "shape",
                        List.of(
                                new Case("circle", Optional.of(Primitive.F64)),
                                new Case("rect", Optional.of(point)),
                                new Case("empty", Optional.empty()))));
        assertThat(type(i, "color")).isEqualTo(new EnumType("color", List.of("red", "green", "blue")));
        assertThat(type(i, "perms")).isEqualTo(new FlagsType("perms", List.of("read", "write", "exec")));
    }

    @Test
    void trailingCommasAreAcceptedEverywhereAListIs() {
        WitInterface i = only(
                "record r { a: u8, }",
                "variant v { a, }",
                "enum e { a, }",
                "flags f { a, }",
                "f1: func(a: u8, b: u8,) -> tuple<u8, u8,>;");

        assertThat(((RecordType) type(i, "r")).fields()).hasSize(1);
        assertThat(i.function("f1").orElseThrow().params()).hasSize(2);
    }

    @Test
    void functionsHaveNamedParametersAndAtMostOneResult() {
        WitInterface i = only("log: func(msg: string);", "add: func(a: u32, b: u32) -> u64;", "now: func() -> u64;");

        WitFunction log = i.function("log").orElseThrow();
        assertThat(log.params()).containsExactly(new Field("msg", Primitive.STRING));
        assertThat(log.result()).isEmpty();
        assertThat(i.function("add").orElseThrow().signature()).isEqualTo("func(a: u32, b: u32) -> u64");
        assertThat(i.function("now").orElseThrow().params()).isEmpty();
        assertThat(i.functions()).containsOnlyKeys("log", "add", "now");
    }

    @Test
    void aliasesResolveToTheTypeTheyNameIncludingForwardReferences() {
        WitInterface i = only(
                "f: func(p: later) -> bytes;",
                "type bytes = list<u8>;",
                "type later = alias-of-alias;",
                "type alias-of-alias = point;",
                "record point { x: u8 }");

        RecordType point = new RecordType("point", List.of(new Field("x", Primitive.U8)));
        assertThat(type(i, "bytes")).isEqualTo(BYTES);
        assertThat(type(i, "later")).isEqualTo(point);
        assertThat(i.function("f").orElseThrow().signature()).isEqualTo("func(p: point) -> list<u8>");
    }

    @Test
    void useImportsTypesFromAnotherInterfaceUnderTheirNameOrAnAlias() {
        WitPackage pkg = WitParser.parse(
                src(
                        "package test:pkg;",
                        "interface user {",
                        "    use types.{id, point as pt};",
                        "    get: func(i: id) -> pt;",
                        "}",
                        "interface types {",
                        "    type id = string;",
                        "    record point { x: u8 }",
                        "}"),
                "use.wit");

        WitInterface user = pkg.iface("user").orElseThrow();
        RecordType point = new RecordType("point", List.of(new Field("x", Primitive.U8)));
        assertThat(user.types()).containsEntry("id", Primitive.STRING).containsEntry("pt", point);
        assertThat(user.types()).doesNotContainKey("point");
        assertThat(user.function("get").orElseThrow().signature()).isEqualTo("func(i: string) -> point");
    }

    @Test
    void useReExportsWhatAnInterfaceItselfUsed() {
        WitPackage pkg = WitParser.parse(
                src(
                        "package test:pkg;",
                        "interface a { type x = u8; }",
                        "interface b { use a.{x}; }",
                        "interface c { use b.{x as y}; }"),
                "chain.wit");

        assertThat(pkg.iface("c").orElseThrow().type("y")).contains(Primitive.U8);
    }

    @Test
    void commentsDocCommentsAndNestedBlockCommentsAreIgnored() {
        WitInterface i = only(
                "// a line comment",
                "/// a doc comment",
                "/* a block /* nested */ comment */",
                "/** a doc block */",
                "log: func(msg: string); // trailing");

        assertThat(i.functions()).containsOnlyKeys("log");
    }

    @Test
    void percentEscapesKeywordsAsNames() {
        WitInterface i = only("record %record { %type: u8 }", "%func: func(%list: %record);");

        assertThat(type(i, "record")).isEqualTo(new RecordType("record", List.of(new Field("type", Primitive.U8))));
        assertThat(i.function("func").orElseThrow().params())
                .extracting(Field::name)
                .containsExactly("list");
    }

    @Test
    void acronymPartsAreValidIdentifiers() {
        WitInterface i = only("type HTTP-status = u16;");

        assertThat(i.types()).containsKey("HTTP-status");
    }

    @Test
    void worldsRecordQualifiedImportsAndExports() {
        WitPackage pkg = WitParser.parse(
                src(
                        "package test:pkg;",
                        "use wasi:io/streams@0.2.0 as io-streams;",
                        "interface host {}",
                        "interface guest {}",
                        "world w {",
                        "    import host;",
                        "    import other:pkg/thing@1.0.0;",
                        "    import io-streams;",
                        "    export guest;",
                        "}"),
                "world.wit");

        WitWorld w = pkg.worlds().get("w");
        assertThat(w.packageName()).isEqualTo("test:pkg");
        assertThat(w.imports()).containsExactly("test:pkg/host", "other:pkg/thing", "wasi:io/streams");
        assertThat(w.exports()).containsExactly("test:pkg/guest");
    }

    @Test
    void severalFilesOfOnePackageSeeEachOthersInterfaces() {
        WitPackage pkg = WitParser.parsePackage(List.of(
                new WitSource("a.wit", src("package test:pkg;", "interface a { use b.{t}; f: func() -> t; }")),
                new WitSource("b.wit", src("interface b { type t = list<u8>; }")),
                new WitSource("w.wit", src("package test:pkg;", "world w { import a; }"))));

        assertThat(pkg.interfaces()).containsOnlyKeys("a", "b");
        assertThat(pkg.iface("a").orElseThrow().function("f").orElseThrow().result())
                .contains(BYTES);
        assertThat(pkg.worlds().get("w").imports()).containsExactly("test:pkg/a");
    }

    @Test
    void useOfAnotherPackageTakesTypesFromTheDependencies() {
        WitLibrary deps = WitLibrary.builder()
                .addSources(List.of(
                        new WitSource("dep.wit", src("package dep:base;", "interface types { type id = u64; }"))))
                .build();

        WitPackage pkg = WitParser.parsePackage(
                List.of(new WitSource(
                        "user.wit",
                        src(
                                "package test:user;",
                                "use dep:base/types as base-types;",
                                "interface a { use dep:base/types.{id}; f: func(i: id); }",
                                "interface b { use base-types.{id as key}; g: func(k: key); }"))),
                deps);

        assertThat(pkg.iface("a").orElseThrow().function("f").orElseThrow().paramTypes())
                .containsExactly(Primitive.U64);
        assertThat(pkg.iface("b").orElseThrow().type("key")).contains(Primitive.U64);
    }

    @Test
    void conformanceContractParses() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/wit/conformance/conformance.wit")) {
            assertThat(in).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        WitPackage pkg = WitParser.parse(text, "conformance.wit");

        assertThat(pkg.name()).isEqualTo("theater:conformance");
        assertThat(pkg.interfaces()).containsOnlyKeys("types", "host", "guest");
        WitInterface host = pkg.iface("host").orElseThrow();
        assertThat(host.function("echo-nested").orElseThrow().signature())
                .isEqualTo(
                        "func(v: option<result<option<string>, list<u8>>>) -> option<result<option<string>, list<u8>>>");
        assertThat(host.function("echo-floats").orElseThrow().signature())
                .isEqualTo("func(a: f32, b: f64) -> tuple<f32, f64>");
        assertThat(((RecordType) host.type("wide").orElseThrow()).fields()).hasSize(17);
        assertThat(pkg.iface("guest").orElseThrow().functions()).hasSize(22);
        assertThat(pkg.worlds().get("conformance").imports()).containsExactly("theater:conformance/host");
        assertThat(pkg.worlds().get("conformance").exports()).containsExactly("theater:conformance/guest");
    }
}
