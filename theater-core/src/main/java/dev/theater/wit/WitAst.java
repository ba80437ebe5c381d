package dev.theater.wit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The unresolved syntax of one WIT file, as {@link WitParser} reads it: names are still names, and every node keeps
 * the position it was written at so that resolution errors can point at it.
 */
final class WitAst {
    private WitAst() {}

    /** A place in a source file; line and column are 1-based. */
    record Pos(String file, int line, int column) {
        Pos {
            requireNonNull(file, "file is null");
        }

        WitParseException error(String problem) {
            return new WitParseException(file, line, column, problem);
        }

        /** {@code runtime.wit:3:5}, for messages that point at a second place. */
        String describe() {
            return file + ":" + line + ":" + column;
        }
    }

    record File(
            String fileName,
            Optional<PackageDecl> pkg,
            List<TopUse> uses,
            List<InterfaceDecl> interfaces,
            List<WorldDecl> worlds) {
        File {
            requireNonNull(fileName, "fileName is null");
            requireNonNull(pkg, "pkg is null");
            uses = List.copyOf(uses);
            interfaces = List.copyOf(interfaces);
            worlds = List.copyOf(worlds);
        }
    }

    /** {@code package ns:name@version;} The version is checked but not kept by the model. */
    record PackageDecl(String namespace, String name, Optional<String> version, Pos pos) {
        String fullName() {
            return namespace + ":" + name;
        }
    }

    /** A reference to an interface: local ({@code types}) or qualified ({@code ns:pkg/iface@1.0.0}). */
    record InterfaceRef(Optional<String> packageName, String name, Optional<String> version, Pos pos) {
        boolean isLocal() {
            return packageName.isEmpty();
        }

        /** As written, without the version: {@code types} or {@code ns:pkg/iface}. */
        String display() {
            return packageName.map(p -> p + "/" + name).orElse(name);
        }
    }

    /** Top-level {@code use ns:pkg/iface [as alias];}: makes a foreign interface known by a local name in one file. */
    record TopUse(InterfaceRef target, String alias, Pos aliasPos) {}

    record InterfaceDecl(String name, Pos pos, List<Item> items) {
        InterfaceDecl {
            items = List.copyOf(items);
        }
    }

    sealed interface Item permits UseItem, TypeItem, FuncItem {}

    /** {@code use iface.{a, b as c};} */
    record UseItem(InterfaceRef from, List<UseName> names) implements Item {
        UseItem {
            names = List.copyOf(names);
        }
    }

    /** One name of a {@code use} list; {@code alias} equals {@code name} when there is no {@code as}. */
    record UseName(String name, Pos pos, String alias, Pos aliasPos) {}

    record TypeItem(String name, Pos pos, TypeDef def) implements Item {}

    record FuncItem(String name, Pos pos, List<Named> params, Optional<TypeExpr> result) implements Item {
        FuncItem {
            params = List.copyOf(params);
        }
    }

    /** A named, typed thing: a record field or a function parameter. */
    record Named(String name, Pos pos, TypeExpr type) {}

    record NamePos(String name, Pos pos) {}

    record CaseDecl(String name, Pos pos, Optional<TypeExpr> payload) {}

    sealed interface TypeDef permits Alias, RecordDef, VariantDef, EnumDef, FlagsDef {
        /** The keyword that introduces the definition, for messages. */
        String kind();
    }

    record Alias(TypeExpr target) implements TypeDef {
        @Override
        public String kind() {
            return "type alias";
        }
    }

    record RecordDef(List<Named> fields) implements TypeDef {
        RecordDef {
            fields = List.copyOf(fields);
        }

        @Override
        public String kind() {
            return "record";
        }
    }

    record VariantDef(List<CaseDecl> cases) implements TypeDef {
        VariantDef {
            cases = List.copyOf(cases);
        }

        @Override
        public String kind() {
            return "variant";
        }
    }

    record EnumDef(List<NamePos> cases) implements TypeDef {
        EnumDef {
            cases = List.copyOf(cases);
        }

        @Override
        public String kind() {
            return "enum";
        }
    }

    record FlagsDef(List<NamePos> flags) implements TypeDef {
        FlagsDef {
            flags = List.copyOf(flags);
        }

        @Override
        public String kind() {
            return "flags";
        }
    }

    /** A type as written where a type is expected. */
    sealed interface TypeExpr permits Prim, NamedRef, ListOf, OptionOf, ResultOf, TupleOf {}

    record Prim(WitType.Primitive primitive) implements TypeExpr {}

    record NamedRef(String name, Pos pos) implements TypeExpr {}

    record ListOf(TypeExpr element) implements TypeExpr {}

    record OptionOf(TypeExpr inner) implements TypeExpr {}

    record ResultOf(Optional<TypeExpr> ok, Optional<TypeExpr> err) implements TypeExpr {}

    record TupleOf(List<TypeExpr> elements) implements TypeExpr {
        TupleOf {
            elements = List.copyOf(elements);
        }
    }

    record WorldDecl(String name, Pos pos, List<WorldItem> items) {
        WorldDecl {
            items = List.copyOf(items);
        }
    }

    /** {@code import iface;} or {@code export iface;} */
    record WorldItem(boolean export, InterfaceRef ref) {}
}
