package dev.theater.wit;

import static java.util.Objects.requireNonNull;

import dev.theater.wit.WitAst.Alias;
import dev.theater.wit.WitAst.CaseDecl;
import dev.theater.wit.WitAst.EnumDef;
import dev.theater.wit.WitAst.FlagsDef;
import dev.theater.wit.WitAst.FuncItem;
import dev.theater.wit.WitAst.InterfaceDecl;
import dev.theater.wit.WitAst.InterfaceRef;
import dev.theater.wit.WitAst.Item;
import dev.theater.wit.WitAst.ListOf;
import dev.theater.wit.WitAst.NamePos;
import dev.theater.wit.WitAst.Named;
import dev.theater.wit.WitAst.NamedRef;
import dev.theater.wit.WitAst.OptionOf;
import dev.theater.wit.WitAst.PackageDecl;
import dev.theater.wit.WitAst.Pos;
import dev.theater.wit.WitAst.Prim;
import dev.theater.wit.WitAst.RecordDef;
import dev.theater.wit.WitAst.ResultOf;
import dev.theater.wit.WitAst.TopUse;
import dev.theater.wit.WitAst.TupleOf;
import dev.theater.wit.WitAst.TypeDef;
import dev.theater.wit.WitAst.TypeExpr;
import dev.theater.wit.WitAst.TypeItem;
import dev.theater.wit.WitAst.UseItem;
import dev.theater.wit.WitAst.UseName;
import dev.theater.wit.WitAst.VariantDef;
import dev.theater.wit.WitAst.WorldDecl;
import dev.theater.wit.WitAst.WorldItem;
import dev.theater.wit.WitLexer.Kind;
import dev.theater.wit.WitLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses WIT source into a resolved {@link WitPackage}.
 *
 * <p>The accepted language is the subset of DESIGN §2: {@code package ns:name[@version];}, interfaces, worlds that
 * import and export interfaces (by local name or {@code ns:pkg/iface}), {@code use iface.{a, b as c};} inside
 * interfaces and {@code use ns:pkg/iface [as name];} at the top level, type aliases, {@code record}, {@code variant},
 * {@code enum}, {@code flags}, {@code option}, {@code result} (all four forms), {@code list}, {@code tuple}, functions
 * with named parameters and at most one result, the primitive types ({@code float32}/{@code float64} are accepted for
 * {@code f32}/{@code f64}), comments, {@code %}-escaped identifiers and trailing commas. Resources, handles, async
 * types, feature gates and inline world items are refused with a message saying so.
 *
 * <p>Every type reference is resolved: aliases and {@code use} disappear into the {@link WitType} they name, forward
 * references inside an interface work, and unknown names, duplicate names and cyclic or recursive types are errors.
 * Package versions are checked for form but are not part of the model: names are unversioned.
 *
 * <p>This is a hand-written recursive-descent parser over a small lexer rather than a generated one: WIT is small,
 * the project takes no parser-generator dependency, and the error messages matter. Every error is a
 * {@link WitParseException} with the exact 1-based line and column and a message saying what was found and what was
 * expected. The class is stateless and thread-safe.
 */
public final class WitParser {
    private static final Pattern SEMVER =
            Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?"
                    + "(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

    private static final int MAX_FLAGS = 32;

    /** How deep type expressions may nest: far beyond any real type, and well within the parser's stack. */
    private static final int MAX_TYPE_DEPTH = 64;

    private final String file;
    private final List<Token> tokens;
    private int index;
    private int typeDepth;

    private WitParser(String file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    /** Parses and resolves one file holding a whole package; the file must declare its {@code package}. */
    public static WitPackage parse(String source, String fileName) {
        requireNonNull(source, "source is null");
        requireNonNull(fileName, "fileName is null");
        return parsePackage(List.of(new WitSource(fileName, source)));
    }

    /**
     * Parses and resolves the files of one package. Interfaces of any file can be used from any other; at least one
     * file declares the {@code package}, and every file that declares it names the same one.
     */
    public static WitPackage parsePackage(List<WitSource> files) {
        return parsePackage(files, WitLibrary.builder().build());
    }

    /**
     * Like {@link #parsePackage(List)}, with the packages this one refers to: {@code use ns:pkg/iface.{...}} of
     * another package takes its types from {@code dependencies}, and world imports of a package that
     * {@code dependencies} holds are checked against it.
     */
    public static WitPackage parsePackage(List<WitSource> files, WitLibrary dependencies) {
        requireNonNull(files, "files is null");
        requireNonNull(dependencies, "dependencies is null");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no WIT files given; a package needs at least one .wit file");
        }
        List<WitAst.File> asts = new ArrayList<>();
        for (WitSource source : files) {
            requireNonNull(source, "files contains null");
            asts.add(parseSyntax(source));
        }
        return WitResolver.resolve(asts, dependencies);
    }

    /** The syntax tree of one file, without resolving names. */
    static WitAst.File parseSyntax(WitSource source) {
        List<Token> tokens = WitLexer.tokenize(source.fileName(), source.text());
        return new WitParser(source.fileName(), tokens).file();
    }

    // ---- file level -------------------------------------------------------------------------------------------

    private WitAst.File file() {
        Optional<PackageDecl> pkg = Optional.empty();
        if (cur().isKeyword("package")) {
            pkg = Optional.of(packageDecl());
        }
        List<TopUse> uses = new ArrayList<>();
        List<InterfaceDecl> interfaces = new ArrayList<>();
        List<WorldDecl> worlds = new ArrayList<>();
        while (cur().kind() != Kind.EOF) {
            Token t = cur();
            if (t.isKeyword("interface")) {
                interfaces.add(interfaceDecl());
            } else if (t.isKeyword("world")) {
                worlds.add(worldDecl());
            } else if (t.isKeyword("use")) {
                uses.add(topUse());
            } else if (t.isKeyword("package")) {
                throw error(
                        t,
                        pkg.isPresent()
                                ? "a file declares its package once, found a second 'package'"
                                : "the 'package' declaration must come first in the file, before any interface,"
                                        + " world or use");
            } else if (t.kind() == Kind.AT) {
                throw error(t, "feature gates ('@since', '@unstable', '@deprecated') are not supported; remove them");
            } else if (isTypeDefKeyword(t)) {
                throw error(
                        t,
                        "found " + t.describe() + " at the top level; type definitions belong inside an"
                                + " 'interface { ... }'");
            } else {
                throw error(t, "expected 'interface', 'world' or 'use' at the top level, found " + t.describe());
            }
        }
        return new WitAst.File(file, pkg, uses, interfaces, worlds);
    }

    private PackageDecl packageDecl() {
        Token kw = advance();
        String namespace = name("package namespace after 'package' (as in 'package my-org:my-package;')");
        expect(Kind.COLON, "':' after package namespace '" + namespace + "' (as in 'package " + namespace + ":name;')");
        String name = name("package name after '" + namespace + ":'");
        Optional<String> version = version();
        if (cur().kind() == Kind.LBRACE) {
            throw error(
                    cur(),
                    "nested package blocks ('package a:b { ... }') are not supported; put each package in"
                            + " its own files");
        }
        expectSemicolon("the package declaration '" + namespace + ":" + name + "'");
        return new PackageDecl(namespace, name, version, pos(kw));
    }

    private TopUse topUse() {
        advance();
        Token start = cur();
        InterfaceRef ref = interfaceRef("interface path after 'use' (as in 'use wasi:io/streams;')");
        if (ref.isLocal()) {
            throw error(
                    start,
                    "a top-level 'use' names an interface of another package ('use ns:pkg/iface;'), found '"
                            + ref.name() + "'; interfaces of this package are visible without 'use'");
        }
        String alias = ref.name();
        Pos aliasPos = ref.pos();
        if (cur().isKeyword("as")) {
            advance();
            aliasPos = pos(cur());
            alias = name("name after 'as'");
        }
        expectSemicolon("'use " + ref.display() + "'");
        return new TopUse(ref, alias, aliasPos);
    }

    /** {@code name} or {@code ns:pkg/name[@version]}. */
    private InterfaceRef interfaceRef(String what) {
        Token first = cur();
        String firstName = name(what);
        if (cur().kind() != Kind.COLON) {
            return new InterfaceRef(Optional.empty(), firstName, Optional.empty(), pos(first));
        }
        advance();
        String pkg = name("package name after '" + firstName + ":'");
        expect(
                Kind.SLASH,
                "'/' after package '" + firstName + ":" + pkg + "' (as in '" + firstName + ":" + pkg + "/interface')");
        String iface = name("interface name after '" + firstName + ":" + pkg + "/'");
        Optional<String> version = version();
        return new InterfaceRef(Optional.of(firstName + ":" + pkg), iface, version, pos(first));
    }

    private Optional<String> version() {
        Token t = cur();
        if (t.kind() == Kind.AT) {
            throw error(
                    t,
                    "expected a version after '@' (as in '@1.2.0'), found "
                            + tokens.get(index + 1).describe());
        }
        if (t.kind() != Kind.VERSION) {
            return Optional.empty();
        }
        advance();
        if (!SEMVER.matcher(t.text()).matches()) {
            throw error(
                    t,
                    "version '" + t.text() + "' is not a semantic version; write MAJOR.MINOR.PATCH, as in"
                            + " '@1.2.0' or '@0.2.0-rc.1'");
        }
        return Optional.of(t.text());
    }

    // ---- interfaces -------------------------------------------------------------------------------------------

    private InterfaceDecl interfaceDecl() {
        advance();
        Token nameToken = cur();
        String name = name("interface name after 'interface'");
        expect(Kind.LBRACE, "'{' after interface name '" + name + "'");
        List<Item> items = new ArrayList<>();
        while (cur().kind() != Kind.RBRACE) {
            if (cur().kind() == Kind.EOF) {
                throw error(
                        cur(),
                        "expected '}' to close interface '" + name + "' (opened at line " + nameToken.line()
                                + "), found end of file");
            }
            items.add(interfaceItem(name));
        }
        advance();
        return new InterfaceDecl(name, pos(nameToken), items);
    }

    private Item interfaceItem(String iface) {
        Token t = cur();
        if (t.isKeyword("use")) {
            return useItem();
        }
        if (t.isKeyword("type")) {
            advance();
            Token nameToken = cur();
            String name = name("type name after 'type'");
            expect(Kind.EQUALS, "'=' after type name '" + name + "' (as in 'type " + name + " = list<u8>;')");
            TypeExpr target = type("type alias '" + name + "'");
            expectSemicolon("type alias '" + name + "'");
            return new TypeItem(name, pos(nameToken), new Alias(target));
        }
        if (t.isKeyword("record")) {
            return recordItem();
        }
        if (t.isKeyword("variant")) {
            return variantItem();
        }
        if (t.isKeyword("enum")) {
            return namesItem("enum", "case");
        }
        if (t.isKeyword("flags")) {
            return namesItem("flags", "flag");
        }
        if (t.isKeyword("resource")) {
            throw error(
                    t,
                    "resources are not supported: Theater's WIT subset (DESIGN §2) has no resources or handles;"
                            + " pass a handle as an integer (for example 'type connection = u64;')");
        }
        if (t.isKeyword("union")) {
            throw error(t, "'union' is not WIT any more; use a 'variant' with one case per type");
        }
        if (t.kind() == Kind.AT) {
            throw error(t, "feature gates ('@since', '@unstable', '@deprecated') are not supported; remove them");
        }
        if (t.kind() == Kind.SEMICOLON) {
            throw error(t, "unexpected ';': declarations that end with '}' (record, variant, enum, flags) take no ';'");
        }
        if (t.kind() == Kind.IDENT && !t.isKeyword()) {
            return funcItem();
        }
        throw error(
                t,
                "expected a declaration in interface '" + iface + "' ('use', 'type', 'record', 'variant', 'enum',"
                        + " 'flags' or 'name: func(...)'), found " + t.describe());
    }

    private UseItem useItem() {
        advance();
        InterfaceRef from = interfaceRef("interface name after 'use' (as in 'use types.{actor-id};')");
        expect(Kind.DOT, "'.' after '" + from.display() + "' (as in 'use " + from.display() + ".{name};')");
        expect(Kind.LBRACE, "'{' after 'use " + from.display() + ".'");
        List<UseName> names = new ArrayList<>();
        Map<String, Pos> seen = new HashMap<>();
        while (true) {
            if (cur().kind() == Kind.RBRACE && !names.isEmpty()) {
                break;
            }
            Token nameToken = cur();
            String name = name("a type name in 'use " + from.display() + ".{...}'");
            String alias = name;
            Token aliasToken = nameToken;
            if (cur().isKeyword("as")) {
                advance();
                aliasToken = cur();
                alias = name("name after 'as'");
            }
            Pos aliasPos = pos(aliasToken);
            Pos first = seen.putIfAbsent(alias, aliasPos);
            if (first != null) {
                throw aliasPos.error("duplicate name '" + alias + "' in 'use " + from.display() + ".{...}': already"
                        + " listed at " + first.describe() + "; list each name once");
            }
            names.add(new UseName(name, pos(nameToken), alias, aliasPos));
            if (cur().kind() == Kind.COMMA) {
                advance();
            } else if (cur().kind() != Kind.RBRACE) {
                throw error(
                        cur(),
                        "expected ',' or '}' after '" + alias + "' in 'use " + from.display() + ".{...}', found "
                                + cur().describe());
            }
        }
        advance();
        expectSemicolon("'use " + from.display() + ".{...}'");
        return new UseItem(from, names);
    }

    private TypeItem recordItem() {
        advance();
        Token nameToken = cur();
        String name = name("record name after 'record'");
        expect(Kind.LBRACE, "'{' after record name '" + name + "'");
        List<Named> fields = new ArrayList<>();
        Map<String, Pos> seen = new HashMap<>();
        while (cur().kind() != Kind.RBRACE) {
            Token fieldToken = cur();
            String field = name("a field name or '}' in record '" + name + "'");
            checkUnique(seen, field, pos(fieldToken), "field", "record '" + name + "'");
            expect(Kind.COLON, "':' after field name '" + field + "'");
            TypeExpr type = type("field '" + field + "' of record '" + name + "'");
            fields.add(new Named(field, pos(fieldToken), type));
            listSeparator("field '" + field + "'", "record '" + name + "'");
        }
        advance();
        if (fields.isEmpty()) {
            throw error(nameToken, "record '" + name + "' has no fields; a WIT record needs at least one field");
        }
        return new TypeItem(name, pos(nameToken), new RecordDef(fields));
    }

    private TypeItem variantItem() {
        advance();
        Token nameToken = cur();
        String name = name("variant name after 'variant'");
        expect(Kind.LBRACE, "'{' after variant name '" + name + "'");
        List<CaseDecl> cases = new ArrayList<>();
        Map<String, Pos> seen = new HashMap<>();
        while (cur().kind() != Kind.RBRACE) {
            Token caseToken = cur();
            String caseName = name("a case name or '}' in variant '" + name + "'");
            checkUnique(seen, caseName, pos(caseToken), "case", "variant '" + name + "'");
            Optional<TypeExpr> payload = Optional.empty();
            if (cur().kind() == Kind.LPAREN) {
                advance();
                payload = Optional.of(type("case '" + caseName + "' of variant '" + name + "'"));
                expect(Kind.RPAREN, "')' after the payload type of case '" + caseName + "'");
            }
            cases.add(new CaseDecl(caseName, pos(caseToken), payload));
            listSeparator("case '" + caseName + "'", "variant '" + name + "'");
        }
        advance();
        if (cases.isEmpty()) {
            throw error(nameToken, "variant '" + name + "' has no cases; a WIT variant needs at least one case");
        }
        return new TypeItem(name, pos(nameToken), new VariantDef(cases));
    }

    /** {@code enum} and {@code flags}: a name and a braced list of names. */
    private TypeItem namesItem(String keyword, String member) {
        advance();
        Token nameToken = cur();
        String name = name(keyword + " name after '" + keyword + "'");
        expect(Kind.LBRACE, "'{' after " + keyword + " name '" + name + "'");
        List<NamePos> names = new ArrayList<>();
        Map<String, Pos> seen = new HashMap<>();
        while (cur().kind() != Kind.RBRACE) {
            Token memberToken = cur();
            String memberName = name("a " + member + " name or '}' in " + keyword + " '" + name + "'");
            checkUnique(seen, memberName, pos(memberToken), member, keyword + " '" + name + "'");
            names.add(new NamePos(memberName, pos(memberToken)));
            listSeparator(member + " '" + memberName + "'", keyword + " '" + name + "'");
        }
        advance();
        if (names.isEmpty()) {
            throw error(
                    nameToken,
                    keyword + " '" + name + "' has no " + member + "s; a WIT " + keyword + " needs at least one "
                            + member);
        }
        if (keyword.equals("flags") && names.size() > MAX_FLAGS) {
            throw names.get(MAX_FLAGS)
                    .pos()
                    .error("flags '" + name + "' has " + names.size() + " flags; the component model allows at most "
                            + MAX_FLAGS + " (split it into two flags types)");
        }
        TypeDef def = keyword.equals("enum") ? new EnumDef(names) : new FlagsDef(names);
        return new TypeItem(name, pos(nameToken), def);
    }

    private FuncItem funcItem() {
        Token nameToken = advance();
        String name = nameToken.text();
        if (cur().kind() != Kind.COLON) {
            throw error(
                    cur(),
                    "expected ':' after '" + name + "' (as in '" + name + ": func(...)'), found " + cur().describe());
        }
        advance();
        Token kw = cur();
        if (kw.isKeyword("async") || kw.isKeyword("static")) {
            throw error(kw, "'" + kw.text() + "' functions are not supported; write '" + name + ": func(...)'");
        }
        if (!kw.isKeyword("func")) {
            throw error(
                    kw,
                    "expected 'func' after '" + name + ":', found " + kw.describe() + "; an interface declares"
                            + " functions as '" + name + ": func(...)' and types as 'type " + name + " = ...;'");
        }
        advance();
        expect(Kind.LPAREN, "'(' after 'func' of function '" + name + "'");
        List<Named> params = new ArrayList<>();
        Map<String, Pos> seen = new HashMap<>();
        while (cur().kind() != Kind.RPAREN) {
            Token paramToken = cur();
            String param = name("a parameter name or ')' in function '" + name + "'");
            checkUnique(seen, param, pos(paramToken), "parameter", "function '" + name + "'");
            expect(Kind.COLON, "':' after parameter name '" + param + "'");
            TypeExpr type = type("parameter '" + param + "' of function '" + name + "'");
            params.add(new Named(param, pos(paramToken), type));
            if (cur().kind() == Kind.COMMA) {
                advance();
            } else if (cur().kind() != Kind.RPAREN) {
                throw error(
                        cur(),
                        "expected ',' or ')' after parameter '" + param + "' of function '" + name + "', found "
                                + cur().describe());
            }
        }
        advance();
        Optional<TypeExpr> result = Optional.empty();
        if (cur().kind() == Kind.ARROW) {
            advance();
            if (cur().kind() == Kind.LPAREN) {
                throw error(
                        cur(),
                        "named or multiple results are not supported; function '" + name + "' may return one type"
                                + " (use a tuple or a record for several values)");
            }
            result = Optional.of(type("the result of function '" + name + "'"));
        }
        expectSemicolon("function '" + name + "'");
        return new FuncItem(name, pos(nameToken), params, result);
    }

    // ---- types ------------------------------------------------------------------------------------------------

    private TypeExpr type(String where) {
        if (typeDepth == MAX_TYPE_DEPTH) {
            throw error(
                    cur(),
                    "types nest more than " + MAX_TYPE_DEPTH + " deep at " + where + "; name the inner types with"
                            + " 'type' aliases or records");
        }
        typeDepth++;
        try {
            return typeExpression(where);
        } finally {
            typeDepth--;
        }
    }

    private TypeExpr typeExpression(String where) {
        Token t = cur();
        if (t.kind() != Kind.IDENT) {
            throw error(t, "expected a type for " + where + ", found " + t.describe());
        }
        if (t.escaped() || !t.isKeyword()) {
            advance();
            return new NamedRef(t.text(), pos(t));
        }
        Optional<WitType.Primitive> primitive = primitive(t.text());
        if (primitive.isPresent()) {
            advance();
            return new Prim(primitive.get());
        }
        switch (t.text()) {
            case "list" -> {
                advance();
                expect(Kind.LT, "'<' after 'list' (as in 'list<u8>')");
                TypeExpr element = type("the element of a list");
                if (cur().kind() == Kind.COMMA) {
                    throw error(cur(), "fixed-length lists ('list<T, N>') are not supported; write 'list<T>'");
                }
                expect(Kind.GT, "'>' to close 'list<'");
                return new ListOf(element);
            }
            case "option" -> {
                advance();
                expect(Kind.LT, "'<' after 'option' (as in 'option<string>')");
                TypeExpr inner = type("the inner type of an option");
                expect(Kind.GT, "'>' to close 'option<'");
                return new OptionOf(inner);
            }
            case "result" -> {
                advance();
                return resultType();
            }
            case "tuple" -> {
                advance();
                expect(Kind.LT, "'<' after 'tuple' (as in 'tuple<u32, string>')");
                List<TypeExpr> elements = new ArrayList<>();
                while (cur().kind() != Kind.GT || elements.isEmpty()) {
                    elements.add(type("element " + (elements.size() + 1) + " of a tuple"));
                    if (cur().kind() == Kind.COMMA) {
                        advance();
                    } else if (cur().kind() != Kind.GT) {
                        throw error(cur(), "expected ',' or '>' in 'tuple<...>', found " + cur().describe());
                    }
                }
                advance();
                return new TupleOf(elements);
            }
            case "own", "borrow", "resource" ->
                throw error(
                        t,
                        "handles ('own<T>', 'borrow<T>') are not supported: Theater's WIT subset (DESIGN §2) has no"
                                + " resources; pass a handle as an integer");
            case "future", "stream", "error-context" ->
                throw error(
                        t, "async types ('" + t.text() + "') are not supported by Theater's WIT subset (DESIGN §2)");
            default ->
                throw error(
                        t,
                        "expected a type for " + where + ", found " + t.describe() + "; a keyword is a type name only"
                                + " when escaped: '%" + t.text() + "'");
        }
    }

    /** After {@code result}: nothing, {@code <T>}, {@code <_, E>} or {@code <T, E>}. */
    private TypeExpr resultType() {
        if (cur().kind() != Kind.LT) {
            return new ResultOf(Optional.empty(), Optional.empty());
        }
        advance();
        Optional<TypeExpr> ok;
        if (cur().kind() == Kind.UNDERSCORE) {
            advance();
            if (cur().kind() != Kind.COMMA) {
                throw error(
                        cur(),
                        "expected ',' after '_' in 'result<_, E>', found " + cur().describe() + " (a result with"
                                + " neither side is written 'result')");
            }
            ok = Optional.empty();
        } else {
            ok = Optional.of(type("the ok side of a result"));
        }
        Optional<TypeExpr> err = Optional.empty();
        if (cur().kind() == Kind.COMMA) {
            advance();
            if (cur().kind() == Kind.UNDERSCORE) {
                throw error(
                        cur(),
                        "the error side of a result cannot be '_'; write 'result<T>' for a result"
                                + " without an error type");
            }
            err = Optional.of(type("the error side of a result"));
        }
        expect(Kind.GT, "'>' to close 'result<'");
        return new ResultOf(ok, err);
    }

    private static Optional<WitType.Primitive> primitive(String word) {
        return switch (word) {
            case "float32" -> Optional.of(WitType.Primitive.F32);
            case "float64" -> Optional.of(WitType.Primitive.F64);
            default -> WitType.Primitive.byWitName(word);
        };
    }

    private static boolean isTypeDefKeyword(Token t) {
        return t.isKeyword("type")
                || t.isKeyword("record")
                || t.isKeyword("variant")
                || t.isKeyword("enum")
                || t.isKeyword("flags")
                || t.isKeyword("resource");
    }

    // ---- worlds -----------------------------------------------------------------------------------------------

    private WorldDecl worldDecl() {
        advance();
        Token nameToken = cur();
        String name = name("world name after 'world'");
        expect(Kind.LBRACE, "'{' after world name '" + name + "'");
        List<WorldItem> items = new ArrayList<>();
        while (cur().kind() != Kind.RBRACE) {
            Token t = cur();
            if (t.isKeyword("import") || t.isKeyword("export")) {
                items.add(worldItem());
            } else if (t.kind() == Kind.EOF) {
                throw error(
                        t,
                        "expected '}' to close world '" + name + "' (opened at line " + nameToken.line()
                                + "), found end of file");
            } else if (t.isKeyword("include") || t.isKeyword("use") || isTypeDefKeyword(t)) {
                throw error(
                        t,
                        "'" + t.text() + "' in a world is not supported; a world here only imports and exports"
                                + " interfaces ('import iface;', 'export iface;')");
            } else {
                throw error(t, "expected 'import', 'export' or '}' in world '" + name + "', found " + t.describe());
            }
        }
        advance();
        return new WorldDecl(name, pos(nameToken), items);
    }

    private WorldItem worldItem() {
        Token kw = advance();
        boolean export = kw.text().equals("export");
        Token first = cur();
        if (first.isKeyword("interface") || first.isKeyword("func")) {
            throw error(
                    first,
                    "inline items in worlds are not supported; declare a named interface and '" + kw.text()
                            + "' it by name");
        }
        String firstName = name("interface name after '" + kw.text() + "'");
        InterfaceRef ref;
        if (cur().kind() == Kind.COLON) {
            advance();
            Token next = cur();
            if (next.isKeyword("func") || next.isKeyword("interface") || next.isKeyword("async")) {
                throw error(
                        next,
                        "'" + kw.text() + " " + firstName + ": " + next.text() + "' is not supported; a world here"
                                + " only " + kw.text() + "s named interfaces (declare 'interface " + firstName
                                + " { ... }' and write '" + kw.text() + " " + firstName + ";')");
            }
            String pkg = name("package name after '" + firstName + ":'");
            expect(Kind.SLASH, "'/' after package '" + firstName + ":" + pkg + "'");
            String iface = name("interface name after '" + firstName + ":" + pkg + "/'");
            Optional<String> version = version();
            ref = new InterfaceRef(Optional.of(firstName + ":" + pkg), iface, version, pos(first));
        } else {
            ref = new InterfaceRef(Optional.empty(), firstName, Optional.empty(), pos(first));
        }
        expectSemicolon("'" + kw.text() + " " + ref.display() + "'");
        return new WorldItem(export, ref);
    }

    // ---- token helpers ----------------------------------------------------------------------------------------

    private Token cur() {
        return tokens.get(index);
    }

    private Token advance() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.EOF) {
            index++;
        }
        return t;
    }

    private Token expect(Kind kind, String what) {
        Token t = cur();
        if (t.kind() != kind) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return advance();
    }

    /**
     * A missing {@code ;} is reported just after the previous token, where it belongs, rather than at the next
     * declaration (often on a later line).
     */
    private void expectSemicolon(String after) {
        Token t = cur();
        if (t.kind() == Kind.SEMICOLON) {
            advance();
            return;
        }
        Token prev = tokens.get(index - 1);
        throw new WitParseException(
                file, prev.endLine(), prev.endColumn(), "expected ';' after " + after + ", found " + t.describe());
    }

    /** An identifier that is not a keyword (or is escaped with {@code %}); returns its text. */
    private String name(String what) {
        Token t = cur();
        if (t.kind() != Kind.IDENT) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        if (t.isKeyword()) {
            throw error(
                    t,
                    "expected " + what + ", found " + t.describe() + "; a keyword is a name only when escaped: '%"
                            + t.text() + "'");
        }
        advance();
        return t.text();
    }

    /** After a member of a braced list: a ',' or the closing '}'. */
    private void listSeparator(String member, String container) {
        if (cur().kind() == Kind.COMMA) {
            advance();
        } else if (cur().kind() != Kind.RBRACE) {
            throw error(
                    cur(), "expected ',' or '}' after " + member + " in " + container + ", found " + cur().describe());
        }
    }

    private static void checkUnique(Map<String, Pos> seen, String name, Pos pos, String member, String container) {
        Pos first = seen.putIfAbsent(name, pos);
        if (first != null) {
            throw pos.error("duplicate " + member + " '" + name + "' in " + container + ": already declared at "
                    + first.describe() + "; " + member + " names must be unique");
        }
    }

    private Pos pos(Token t) {
        return new Pos(file, t.line(), t.column());
    }

    private WitParseException error(Token t, String problem) {
        return new WitParseException(file, t.line(), t.column(), problem);
    }
}
