package dev.theater.wit;

import dev.theater.wit.WitAst.Alias;
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
import dev.theater.wit.WitAst.TypeExpr;
import dev.theater.wit.WitAst.TypeItem;
import dev.theater.wit.WitAst.UseItem;
import dev.theater.wit.WitAst.UseName;
import dev.theater.wit.WitAst.VariantDef;
import dev.theater.wit.WitAst.WorldDecl;
import dev.theater.wit.WitAst.WorldItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the syntax trees of one package's files into a {@link WitPackage}: checks that names are unique, follows
 * {@code use} and aliases to the types they name, and reports unknown names and cycles where they are written.
 */
final class WitResolver {

    /** What a name in an interface's scope stands for. */
    private sealed interface Entry permits LocalType, Imported, Function {
        Pos pos();
    }

    private record LocalType(TypeItem item) implements Entry {
        @Override
        public Pos pos() {
            return item.pos();
        }
    }

    private record Imported(Target from, UseName use) implements Entry {
        @Override
        public Pos pos() {
            return use.aliasPos();
        }
    }

    private record Function(FuncItem item) implements Entry {
        @Override
        public Pos pos() {
            return item.pos();
        }
    }

    /** The interface a {@code use} takes names from: one of this package, or a resolved one of a dependency. */
    private sealed interface Target permits LocalTarget, ForeignTarget {}

    private record LocalTarget(Scope scope) implements Target {}

    private record ForeignTarget(WitInterface iface) implements Target {}

    /** The names of one interface, and the types resolved so far. */
    private static final class Scope {
        final InterfaceDecl decl;
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final Map<String, WitType> resolved = new HashMap<>();

        Scope(InterfaceDecl decl) {
            this.decl = decl;
        }

        String name() {
            return decl.name();
        }
    }

    /** A name being resolved, to detect cycles. */
    private record Frame(Scope scope, String name, boolean alias) {}

    private final String packageName;
    private final WitLibrary dependencies;
    private final Map<String, Scope> interfaces = new LinkedHashMap<>();
    private final Map<String, WorldDecl> worlds = new LinkedHashMap<>();
    private final Map<WitAst.File, Map<String, TopUse>> topUses = new HashMap<>();
    private final List<Frame> stack = new ArrayList<>();

    private WitResolver(String packageName, WitLibrary dependencies) {
        this.packageName = packageName;
        this.dependencies = dependencies;
    }

    static WitPackage resolve(List<WitAst.File> files, WitLibrary dependencies) {
        WitResolver resolver = new WitResolver(packageName(files), dependencies);
        return resolver.run(files);
    }

    private static String packageName(List<WitAst.File> files) {
        PackageDecl first = null;
        for (WitAst.File f : files) {
            if (f.pkg().isEmpty()) {
                continue;
            }
            PackageDecl decl = f.pkg().get();
            if (first == null) {
                first = decl;
            } else if (!first.fullName().equals(decl.fullName())
                    || !first.version().equals(decl.version())) {
                throw decl.pos()
                        .error("this file declares package '" + display(decl) + "' but "
                                + first.pos().file() + " declares '" + display(first)
                                + "'; all files of a package declare the same one");
            }
        }
        if (first == null) {
            String fileName = files.get(0).fileName();
            throw new WitParseException(
                    fileName,
                    1,
                    1,
                    (files.size() == 1
                                    ? "this file has no package declaration"
                                    : "none of the " + files.size() + " files has a package declaration")
                            + "; start the file with 'package namespace:name;'");
        }
        return first.fullName();
    }

    private static String display(PackageDecl decl) {
        return decl.fullName() + decl.version().map(v -> "@" + v).orElse("");
    }

    private WitPackage run(List<WitAst.File> files) {
        Map<String, Pos> topNames = new HashMap<>();
        for (WitAst.File f : files) {
            for (InterfaceDecl decl : f.interfaces()) {
                claimTopName(topNames, decl.name(), decl.pos(), "interface");
                interfaces.put(decl.name(), new Scope(decl));
            }
            for (WorldDecl decl : f.worlds()) {
                claimTopName(topNames, decl.name(), decl.pos(), "world");
                worlds.put(decl.name(), decl);
            }
        }
        for (WitAst.File f : files) {
            topUses.put(f, fileUses(f, topNames));
        }
        for (WitAst.File f : files) {
            for (InterfaceDecl decl : f.interfaces()) {
                collectScope(f, interfaces.get(decl.name()));
            }
        }
        Map<String, WitInterface> resolved = new LinkedHashMap<>();
        for (Scope scope : interfaces.values()) {
            resolved.put(scope.name(), resolveInterface(scope));
        }
        Map<String, WitWorld> resolvedWorlds = new LinkedHashMap<>();
        for (WitAst.File f : files) {
            for (WorldDecl decl : f.worlds()) {
                resolvedWorlds.put(decl.name(), resolveWorld(f, decl));
            }
        }
        return new WitPackage(packageName, resolved, resolvedWorlds);
    }

    private static void claimTopName(Map<String, Pos> names, String name, Pos pos, String kind) {
        Pos first = names.putIfAbsent(name, pos);
        if (first != null) {
            throw pos.error("duplicate name '" + name + "': " + kind + " '" + name + "' is declared here and at "
                    + first.describe() + "; interfaces and worlds of a package share one namespace");
        }
    }

    private Map<String, TopUse> fileUses(WitAst.File f, Map<String, Pos> topNames) {
        Map<String, TopUse> uses = new LinkedHashMap<>();
        for (TopUse use : f.uses()) {
            Pos clash = topNames.get(use.alias());
            if (clash != null) {
                throw use.aliasPos()
                        .error("'use " + use.target().display() + "' brings in the name '" + use.alias()
                                + "', which is already declared at " + clash.describe()
                                + "; choose another name with 'as'");
            }
            TopUse previous = uses.putIfAbsent(use.alias(), use);
            if (previous != null) {
                throw use.aliasPos()
                        .error("duplicate name '" + use.alias() + "': already brought in by the 'use' at "
                                + previous.aliasPos().describe() + "; choose another name with 'as'");
            }
            checkQualified(use.target(), "'use " + use.target().display() + "'");
        }
        return uses;
    }

    /**
     * A qualified reference into this package must name one of its interfaces, and one into a known dependency must
     * name one of that package's interfaces. References into packages not in the library stay unchecked names.
     */
    private void checkQualified(InterfaceRef ref, String context) {
        String pkg = ref.packageName().orElseThrow();
        if (pkg.equals(packageName)) {
            if (!interfaces.containsKey(ref.name())) {
                throw ref.pos()
                        .error(context + " names interface '" + ref.name() + "' of this package, which has no such"
                                + " interface; its interfaces are: " + list(interfaces.keySet()));
            }
            return;
        }
        dependencies.findPackage(pkg).ifPresent(dep -> {
            if (dep.iface(ref.name()).isEmpty()) {
                throw ref.pos()
                        .error(context + " names interface '" + ref.name() + "' of package '" + pkg + "', which has"
                                + " no such interface; its interfaces are: "
                                + list(dep.interfaces().keySet()));
            }
        });
    }

    private void collectScope(WitAst.File f, Scope scope) {
        for (Item item : scope.decl.items()) {
            switch (item) {
                case UseItem use -> {
                    Target target = target(f, scope, use.from());
                    for (UseName name : use.names()) {
                        declare(scope, name.alias(), new Imported(target, name));
                    }
                }
                case TypeItem type -> declare(scope, type.name(), new LocalType(type));
                case FuncItem func -> declare(scope, func.name(), new Function(func));
            }
        }
    }

    private static void declare(Scope scope, String name, Entry entry) {
        Entry first = scope.entries.putIfAbsent(name, entry);
        if (first != null) {
            throw entry.pos()
                    .error("duplicate name '" + name + "' in interface '" + scope.name() + "': already declared at "
                            + first.pos().describe() + "; types, functions and 'use' names of an interface share one"
                            + " namespace");
        }
    }

    /** The interface named by {@code use X.{...}} inside an interface of file {@code f}. */
    private Target target(WitAst.File f, Scope user, InterfaceRef ref) {
        InterfaceRef effective = ref;
        if (ref.isLocal()) {
            TopUse alias = topUses.get(f).get(ref.name());
            if (alias != null) {
                effective = alias.target();
            } else {
                Scope local = interfaces.get(ref.name());
                if (local == null) {
                    throw ref.pos()
                            .error("unknown interface '" + ref.name() + "' in 'use " + ref.name() + ".{...}'"
                                    + suggestion(ref.name(), interfaces.keySet()) + "; this package's interfaces"
                                    + " are: " + list(interfaces.keySet()));
                }
                return local(user, local, ref);
            }
        }
        String pkg = effective.packageName().orElseThrow();
        if (pkg.equals(packageName)) {
            checkQualified(effective, "'use " + effective.display() + ".{...}'");
            return local(user, interfaces.get(effective.name()), ref);
        }
        WitPackage dep = dependencies.findPackage(pkg).orElseThrow(() -> ref.pos()
                .error("'use " + ref.display() + ".{...}' takes types from package '" + pkg + "', which is"
                        + " not known; add that package to the WitLibrary given to"
                        + " WitParser.parsePackage(files, dependencies)"));
        String ifaceName = effective.name();
        WitInterface iface = dep.iface(ifaceName).orElseThrow(() -> ref.pos()
                .error("package '" + pkg + "' has no interface '" + ifaceName + "'; its interfaces are: "
                        + list(dep.interfaces().keySet())));
        return new ForeignTarget(iface);
    }

    private static Target local(Scope user, Scope target, InterfaceRef ref) {
        if (target == user) {
            throw ref.pos()
                    .error("interface '" + user.name() + "' uses itself; its own types are visible without 'use'");
        }
        return new LocalTarget(target);
    }

    // ---- types ------------------------------------------------------------------------------------------------

    private WitInterface resolveInterface(Scope scope) {
        Map<String, WitType> types = new LinkedHashMap<>();
        Map<String, WitFunction> functions = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : scope.entries.entrySet()) {
            if (e.getValue() instanceof Function f) {
                functions.put(e.getKey(), function(scope, f.item()));
            } else {
                types.put(
                        e.getKey(), resolveName(scope, e.getKey(), e.getValue().pos()));
            }
        }
        return new WitInterface(packageName, scope.name(), types, functions);
    }

    private WitFunction function(Scope scope, FuncItem item) {
        List<WitType.Field> params = new ArrayList<>();
        for (Named p : item.params()) {
            params.add(new WitType.Field(p.name(), expr(scope, p.type())));
        }
        return new WitFunction(item.name(), params, item.result().map(r -> expr(scope, r)));
    }

    /** The type {@code name} stands for in {@code scope}; {@code ref} is where it is referred to. */
    private WitType resolveName(Scope scope, String name, Pos ref) {
        Entry entry = scope.entries.get(name);
        if (entry == null) {
            throw ref.error("unknown type '" + name + "' in interface '" + scope.name() + "'"
                    + suggestion(name, typeNamesWithPrimitives(scope))
                    + "; define it in this interface or import it with 'use"
                    + " other-interface.{" + name + "};'");
        }
        if (entry instanceof Function) {
            throw ref.error("'" + name + "' is a function of interface '" + scope.name() + "', not a type");
        }
        WitType done = scope.resolved.get(name);
        if (done != null) {
            return done;
        }
        for (int i = 0; i < stack.size(); i++) {
            Frame frame = stack.get(i);
            if (frame.scope() == scope && frame.name().equals(name)) {
                throw cycle(stack.subList(i, stack.size()), ref);
            }
        }
        boolean alias = !(entry instanceof LocalType local) || local.item().def() instanceof Alias;
        stack.add(new Frame(scope, name, alias));
        try {
            WitType type =
                    switch (entry) {
                        case LocalType local -> define(scope, local.item());
                        case Imported imported -> imported(imported);
                        case Function f ->
                            throw new IllegalStateException(
                                    "function " + f.item().name());
                    };
            scope.resolved.put(name, type);
            return type;
        } finally {
            stack.remove(stack.size() - 1);
        }
    }

    private WitType imported(Imported imported) {
        UseName use = imported.use();
        return switch (imported.from()) {
            case LocalTarget local -> {
                Entry entry = local.scope().entries.get(use.name());
                if (entry == null || entry instanceof Function) {
                    throw use.pos()
                            .error("interface '" + local.scope().name() + "' has no type '" + use.name() + "'"
                                    + suggestion(use.name(), typeNames(local.scope())) + "; its types are: "
                                    + list(typeNames(local.scope())));
                }
                yield resolveName(local.scope(), use.name(), use.pos());
            }
            case ForeignTarget foreign ->
                foreign.iface().type(use.name()).orElseThrow(() -> use.pos()
                        .error("interface '" + foreign.iface().qualifiedName() + "' has no type '" + use.name()
                                + "'"
                                + suggestion(use.name(), foreign.iface().types().keySet())
                                + "; its types are: "
                                + list(foreign.iface().types().keySet())));
        };
    }

    private WitParseException cycle(List<Frame> frames, Pos ref) {
        boolean sameInterface =
                frames.stream().allMatch(f -> f.scope() == frames.get(0).scope());
        List<String> names = new ArrayList<>();
        for (Frame f : frames) {
            names.add(sameInterface ? f.name() : f.scope().name() + "." + f.name());
        }
        names.add(names.get(0));
        String path = String.join(" -> ", names);
        String first = frames.get(0).name();
        if (frames.stream().allMatch(Frame::alias)) {
            return ref.error("cyclic type alias: '" + first + "' is defined in terms of itself (" + path
                    + "); make one of them a concrete type");
        }
        return ref.error("recursive type: '" + first + "' contains itself (" + path + "); WIT types cannot be"
                + " recursive, refer to other values by an id (for example a u64) instead");
    }

    private WitType define(Scope scope, TypeItem item) {
        String name = item.name();
        return switch (item.def()) {
            case Alias alias -> expr(scope, alias.target());
            case RecordDef record -> {
                List<WitType.Field> fields = new ArrayList<>();
                for (Named field : record.fields()) {
                    fields.add(new WitType.Field(field.name(), expr(scope, field.type())));
                }
                yield new WitType.RecordType(name, fields);
            }
            case VariantDef variant -> {
                List<WitType.Case> cases = new ArrayList<>();
                for (WitAst.CaseDecl c : variant.cases()) {
                    cases.add(new WitType.Case(c.name(), c.payload().map(p -> expr(scope, p))));
                }
                yield new WitType.VariantType(name, cases);
            }
            case EnumDef e ->
                new WitType.EnumType(name, e.cases().stream().map(NamePos::name).toList());
            case FlagsDef f ->
                new WitType.FlagsType(
                        name, f.flags().stream().map(NamePos::name).toList());
        };
    }

    private WitType expr(Scope scope, TypeExpr expr) {
        return switch (expr) {
            case Prim p -> p.primitive();
            case NamedRef ref -> resolveName(scope, ref.name(), ref.pos());
            case ListOf list -> new WitType.ListType(expr(scope, list.element()));
            case OptionOf option -> new WitType.OptionType(expr(scope, option.inner()));
            case ResultOf result ->
                new WitType.ResultType(
                        result.ok().map(t -> expr(scope, t)), result.err().map(t -> expr(scope, t)));
            case TupleOf tuple ->
                new WitType.TupleType(
                        tuple.elements().stream().map(t -> expr(scope, t)).toList());
        };
    }

    // ---- worlds -----------------------------------------------------------------------------------------------

    private WitWorld resolveWorld(WitAst.File f, WorldDecl decl) {
        List<String> imports = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        Map<String, Pos> seen = new HashMap<>();
        for (WorldItem item : decl.items()) {
            InterfaceRef ref = item.ref();
            String verb = item.export() ? "export" : "import";
            String qualified = qualifiedInWorld(f, decl, ref, verb);
            Pos first = seen.putIfAbsent(verb + " " + qualified, ref.pos());
            if (first != null) {
                throw ref.pos()
                        .error("world '" + decl.name() + "' " + verb + "s '" + qualified + "' twice (first at "
                                + first.describe() + "); remove one");
            }
            (item.export() ? exports : imports).add(qualified);
        }
        return new WitWorld(packageName, decl.name(), imports, exports);
    }

    private String qualifiedInWorld(WitAst.File f, WorldDecl world, InterfaceRef ref, String verb) {
        if (!ref.isLocal()) {
            checkQualified(ref, "'" + verb + " " + ref.display() + "' in world '" + world.name() + "'");
            return ref.display();
        }
        TopUse alias = topUses.get(f).get(ref.name());
        if (alias != null) {
            return alias.target().display();
        }
        if (interfaces.containsKey(ref.name())) {
            return packageName + "/" + ref.name();
        }
        if (worlds.containsKey(ref.name())) {
            throw ref.pos()
                    .error("world '" + world.name() + "' " + verb + "s '" + ref.name() + "', which is a world, not"
                            + " an interface; worlds " + verb + " interfaces");
        }
        throw ref.pos()
                .error("world '" + world.name() + "' " + verb + "s unknown interface '" + ref.name() + "'"
                        + suggestion(ref.name(), interfaces.keySet()) + "; declare it in this package or name"
                        + " another package's interface as 'ns:pkg/" + ref.name() + "'");
    }

    // ---- messages ---------------------------------------------------------------------------------------------

    private static List<String> typeNames(Scope scope) {
        return scope.entries.entrySet().stream()
                .filter(e -> !(e.getValue() instanceof Function))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static String list(Collection<String> names) {
        return names.isEmpty() ? "(none)" : names.stream().collect(Collectors.joining(", "));
    }

    /** The type names usable in {@code scope}: its own and imported ones, then the primitives. */
    private static List<String> typeNamesWithPrimitives(Scope scope) {
        List<String> all = new ArrayList<>(typeNames(scope));
        for (WitType.Primitive p : WitType.Primitive.values()) {
            all.add(p.witName());
        }
        return all;
    }

    /** {@code  (did you mean 'string'?)} when one of {@code candidates} is close to {@code name}, or nothing. */
    private static String suggestion(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= (name.length() <= 3 ? 1 : 2) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] curr = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            curr[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                curr[j] = Math.min(Math.min(curr[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = curr;
            curr = t;
        }
        return prev[b.length()];
    }
}
