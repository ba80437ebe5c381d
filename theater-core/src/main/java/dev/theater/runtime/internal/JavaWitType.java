package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.WitEnum;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitType;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed Java side of a WIT type, for host functions bound with {@link dev.theater.spi.HostCall}: checks that a
 * Java type fits a WIT type (once, when the handler is linked) and converts values between the untyped form the ABI
 * lifts and lowers ({@link dev.theater.spi.HostFunction}) and the typed form the handler's method takes and returns.
 */
abstract sealed class JavaWitType {
    /** A Java type that does not fit a WIT type: the WIT type and the Java type that would. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        final transient WitType wit;
        final String expected;

        Mismatch(WitType wit, String expected, String detail) {
            super(detail);
            this.wit = wit;
            this.expected = expected;
        }
    }

    /** The untyped value (as lifted) to the Java value the method takes. */
    abstract Object toJava(Object untyped);

    /**
     * The Java value the method returned to the untyped value the ABI lowers.
     *
     * @throws IllegalArgumentException naming the WIT type when the value is {@code null} or does not fit
     */
    abstract Object toWit(Object typed);

    /**
     * The converter of {@code java} for {@code wit}.
     *
     * @throws Mismatch when {@code java} does not fit {@code wit}
     */
    static JavaWitType of(WitType wit, Type java) throws Mismatch {
        requireNonNull(wit, "wit is null");
        requireNonNull(java, "java is null");
        return switch (wit) {
            case WitType.Primitive p -> primitive(p, java);
            case WitType.ListType list -> list(list, java);
            case WitType.OptionType option ->
                new OptionalOf(of(option.inner(), argument(option, java, Optional.class)));
            case WitType.ResultType result -> result(result, java);
            case WitType.TupleType tuple -> untypedOr(tuple, java, WitTuple.class, () -> tuple(tuple, java));
            case WitType.RecordType record -> untypedOr(record, java, WitRecord.class, () -> record(record, java));
            case WitType.VariantType variant ->
                untypedOr(variant, java, WitVariant.class, () -> variant(variant, java));
            case WitType.EnumType e -> untypedOr(e, java, WitEnum.class, () -> enumOf(e, java));
            case WitType.FlagsType flags -> untypedOr(flags, java, WitFlags.class, () -> flags(flags, java));
        };
    }

    /** The Java type a WIT type takes, as messages name it: {@code Optional<byte[]>}, {@code long}. */
    static String expected(WitType wit) {
        return switch (wit) {
            case WitType.Primitive p -> primitiveClass(p).getSimpleName();
            case WitType.ListType list ->
                list.element() == WitType.Primitive.U8 ? "byte[]" : "List<" + boxed(list.element()) + ">";
            case WitType.OptionType option -> "Optional<" + boxed(option.inner()) + ">";
            case WitType.ResultType result ->
                "WitResult<" + result.ok().map(JavaWitType::boxed).orElse("Void") + ", "
                        + result.err().map(JavaWitType::boxed).orElse("Void") + ">";
            case WitType.TupleType tuple ->
                "a record of " + tuple.elements().size() + " components ("
                        + String.join(
                                ", ",
                                tuple.elements().stream()
                                        .map(JavaWitType::expected)
                                        .toList()) + ")";
            case WitType.RecordType record ->
                "a record " + pascal(record.name()) + "("
                        + String.join(
                                ", ",
                                record.fields().stream()
                                        .map(f -> expected(f.type()) + " " + camel(f.name()))
                                        .toList())
                        + ")";
            case WitType.VariantType variant ->
                "a sealed interface " + pascal(variant.name()) + " permitting the records "
                        + String.join(
                                ", ",
                                variant.cases().stream()
                                        .map(c -> pascal(c.name()) + "("
                                                + c.payload()
                                                        .map(t -> expected(t) + " value")
                                                        .orElse("") + ")")
                                        .toList());
            case WitType.EnumType e ->
                "an enum " + pascal(e.name()) + " {"
                        + String.join(
                                ", ",
                                e.cases().stream().map(JavaWitType::constant).toList()) + "}";
            case WitType.FlagsType flags ->
                "Set<" + pascal(flags.name()) + "> of an enum {"
                        + String.join(
                                ", ",
                                flags.flags().stream()
                                        .map(JavaWitType::constant)
                                        .toList()) + "}";
        };
    }

    private static String boxed(WitType wit) {
        if (wit instanceof WitType.Primitive p) {
            Class<?> c = primitiveClass(p);
            return c.isPrimitive() ? box(c).getSimpleName() : c.getSimpleName();
        }
        return expected(wit);
    }

    // ---- the kinds ----

    private static JavaWitType primitive(WitType.Primitive p, Type java) throws Mismatch {
        Class<?> wanted = primitiveClass(p);
        if (java == wanted || java == box(wanted)) {
            return Identity.INSTANCE;
        }
        throw mismatch(p, java);
    }

    private static Class<?> primitiveClass(WitType.Primitive p) {
        return switch (p) {
            case BOOL -> boolean.class;
            case S8, U8 -> byte.class;
            case S16, U16 -> short.class;
            case S32, U32, CHAR -> int.class;
            case S64, U64 -> long.class;
            case F32 -> float.class;
            case F64 -> double.class;
            case STRING -> String.class;
        };
    }

    private static Class<?> box(Class<?> c) {
        return switch (c.getName()) {
            case "boolean" -> Boolean.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            default -> c;
        };
    }

    private static JavaWitType list(WitType.ListType list, Type java) throws Mismatch {
        if (list.element() == WitType.Primitive.U8) {
            if (java == byte[].class) {
                return Identity.INSTANCE;
            }
            throw mismatch(list, java);
        }
        return new ListOf(of(list.element(), argument(list, java, List.class)));
    }

    private static JavaWitType result(WitType.ResultType result, Type java) throws Mismatch {
        if (!(java instanceof ParameterizedType p) || p.getRawType() != WitResult.class) {
            throw mismatch(result, java);
        }
        return new ResultOf(
                side(result, result.ok(), p.getActualTypeArguments()[0]),
                side(result, result.err(), p.getActualTypeArguments()[1]));
    }

    private static JavaWitType side(WitType.ResultType result, Optional<WitType> wit, Type java) throws Mismatch {
        if (wit.isEmpty()) {
            if (java != Void.class) {
                throw mismatch(result, java);
            }
            return Identity.INSTANCE;
        }
        try {
            return of(wit.get(), java);
        } catch (Mismatch inner) {
            throw new Mismatch(result, expected(result), inner.getMessage());
        }
    }

    private static JavaWitType tuple(WitType.TupleType tuple, Type java) throws Mismatch {
        Class<?> record = recordClass(tuple, java);
        RecordComponent[] components = record.getRecordComponents();
        if (components.length != tuple.elements().size()) {
            throw mismatch(tuple, java);
        }
        List<JavaWitType> elements = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            elements.add(component(tuple, components[i], tuple.elements().get(i)));
        }
        return new RecordOf(tuple, record, null, elements);
    }

    private static JavaWitType record(WitType.RecordType wit, Type java) throws Mismatch {
        Class<?> record = recordClass(wit, java);
        RecordComponent[] components = record.getRecordComponents();
        if (components.length != wit.fields().size()) {
            throw mismatch(wit, java);
        }
        List<JavaWitType> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            WitType.Field field = wit.fields().get(i);
            if (!components[i].getName().equals(camel(field.name()))) {
                throw mismatch(wit, java);
            }
            fields.add(component(wit, components[i], field.type()));
            names.add(field.name());
        }
        return new RecordOf(wit, record, names, fields);
    }

    private static JavaWitType component(WitType outer, RecordComponent component, WitType wit) throws Mismatch {
        try {
            return of(wit, component.getGenericType());
        } catch (Mismatch inner) {
            throw new Mismatch(
                    outer,
                    expected(outer),
                    "component " + component.getName() + " of "
                            + component.getDeclaringRecord().getSimpleName() + ": " + inner.getMessage());
        }
    }

    private static Class<?> recordClass(WitType wit, Type java) throws Mismatch {
        if (java instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        throw mismatch(wit, java);
    }

    private static JavaWitType variant(WitType.VariantType variant, Type java) throws Mismatch {
        if (!(java instanceof Class<?> sealed) || !sealed.isSealed()) {
            throw mismatch(variant, java);
        }
        Map<String, Class<?>> byName = new HashMap<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            byName.put(sub.getSimpleName(), sub);
        }
        if (byName.size() != variant.cases().size()) {
            throw mismatch(variant, java);
        }
        Map<String, Case> cases = new LinkedHashMap<>();
        Map<Class<?>, Case> byClass = new HashMap<>();
        for (WitType.Case c : variant.cases()) {
            Class<?> record = byName.get(pascal(c.name()));
            if (record == null || !record.isRecord()) {
                throw mismatch(variant, java);
            }
            RecordComponent[] components = record.getRecordComponents();
            if (components.length != (c.payload().isPresent() ? 1 : 0)) {
                throw mismatch(variant, java);
            }
            JavaWitType payload = c.payload().isPresent()
                    ? component(variant, components[0], c.payload().get())
                    : null;
            Case entry = new Case(
                    c.name(),
                    constructor(record),
                    payload,
                    components.length == 1 ? components[0].getAccessor() : null);
            cases.put(c.name(), entry);
            byClass.put(record, entry);
        }
        return new VariantOf(variant, cases, byClass);
    }

    private static JavaWitType enumOf(WitType.EnumType e, Type java) throws Mismatch {
        Class<? extends Enum<?>> type = enumClass(e, java, e.cases());
        Map<String, Enum<?>> byCase = new HashMap<>();
        Map<Enum<?>, String> byConstant = new HashMap<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            String name = witName(constant);
            byCase.put(name, constant);
            byConstant.put(constant, name);
        }
        return new EnumOf(e, byCase, byConstant);
    }

    private static JavaWitType flags(WitType.FlagsType flags, Type java) throws Mismatch {
        if (!(java instanceof ParameterizedType p) || p.getRawType() != Set.class) {
            throw mismatch(flags, java);
        }
        Class<? extends Enum<?>> type = enumClass(flags, p.getActualTypeArguments()[0], flags.flags());
        return new FlagsOf(flags, type);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Enum<?>> enumClass(WitType wit, Type java, List<String> names) throws Mismatch {
        if (!(java instanceof Class<?> c) || !c.isEnum()) {
            throw mismatch(wit, java);
        }
        Set<String> constants = new LinkedHashSet<>();
        for (Object constant : c.getEnumConstants()) {
            constants.add(witName((Enum<?>) constant));
        }
        if (!constants.equals(new LinkedHashSet<>(names))) {
            throw mismatch(wit, java);
        }
        return (Class<? extends Enum<?>>) c;
    }

    private static JavaWitType untypedOr(WitType wit, Type java, Class<?> untyped, Typed typed) throws Mismatch {
        if (java == untyped) {
            return Identity.INSTANCE;
        }
        return typed.get();
    }

    @FunctionalInterface
    private interface Typed {
        JavaWitType get() throws Mismatch;
    }

    private static Type argument(WitType wit, Type java, Class<?> raw) throws Mismatch {
        if (java instanceof ParameterizedType p && p.getRawType() == raw) {
            return p.getActualTypeArguments()[0];
        }
        throw mismatch(wit, java);
    }

    private static Mismatch mismatch(WitType wit, Type java) {
        return new Mismatch(wit, expected(wit), "the Java type is " + name(java));
    }

    /** A Java type as a reader writes it: {@code Optional<byte[]>}, {@code long}. */
    static String name(Type java) {
        return switch (java) {
            case Class<?> c when c.isArray() -> name(c.getComponentType()) + "[]";
            case Class<?> c -> c.getSimpleName();
            case ParameterizedType p ->
                name(p.getRawType()) + "<"
                        + String.join(
                                ", ",
                                Arrays.stream(p.getActualTypeArguments())
                                        .map(JavaWitType::name)
                                        .toList())
                        + ">";
            case GenericArrayType g -> name(g.getGenericComponentType()) + "[]";
            default -> java.getTypeName();
        };
    }

    private static Constructor<?> constructor(Class<?> record) {
        Class<?>[] types = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = record.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + record.getName() + " has no canonical constructor", e);
        }
    }

    // ---- names: WIT kebab-case to Java ----

    /** {@code max-size} as {@code maxSize}. */
    static String camel(String kebab) {
        String pascal = pascal(kebab);
        return pascal.isEmpty() ? pascal : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }

    /** {@code not-found} as {@code NotFound}. */
    private static String pascal(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String word : kebab.split("-")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }

    /** {@code not-found} as {@code NOT_FOUND}. */
    private static String constant(String kebab) {
        return kebab.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String witName(Enum<?> constant) {
        return constant.name().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    /** {@code osSpawn} as {@code os-spawn}. */
    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static IllegalArgumentException nullValue(WitType wit) {
        return new IllegalArgumentException(
                "returned null where " + wit.witName() + " expects " + expected(wit) + "; a WIT value is never null");
    }

    // ---- the converters ----

    private static final class Identity extends JavaWitType {
        static final Identity INSTANCE = new Identity();

        @Override
        Object toJava(Object untyped) {
            return untyped;
        }

        @Override
        Object toWit(Object typed) {
            return typed;
        }
    }

    private static final class OptionalOf extends JavaWitType {
        private final JavaWitType inner;

        OptionalOf(JavaWitType inner) {
            this.inner = inner;
        }

        @Override
        Object toJava(Object untyped) {
            return ((Optional<?>) untyped).map(inner::toJava);
        }

        @Override
        Object toWit(Object typed) {
            return ((Optional<?>) typed).map(inner::toWit);
        }
    }

    private static final class ListOf extends JavaWitType {
        private final JavaWitType element;

        ListOf(JavaWitType element) {
            this.element = element;
        }

        @Override
        Object toJava(Object untyped) {
            List<?> list = (List<?>) untyped;
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(element.toJava(e));
            }
            return List.copyOf(out);
        }

        @Override
        Object toWit(Object typed) {
            List<?> list = (List<?>) typed;
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(element.toWit(e));
            }
            return out;
        }
    }

    private static final class ResultOf extends JavaWitType {
        private final JavaWitType ok;
        private final JavaWitType err;

        ResultOf(JavaWitType ok, JavaWitType err) {
            this.ok = ok;
            this.err = err;
        }

        @Override
        Object toJava(Object untyped) {
            WitResult<?, ?> r = (WitResult<?, ?>) untyped;
            return r.isOk() ? WitResult.ok(convert(ok, r.value(), true)) : WitResult.err(convert(err, r.value(), true));
        }

        @Override
        Object toWit(Object typed) {
            WitResult<?, ?> r = (WitResult<?, ?>) typed;
            return r.isOk()
                    ? WitResult.ok(convert(ok, r.value(), false))
                    : WitResult.err(convert(err, r.value(), false));
        }

        private static Object convert(JavaWitType side, Object value, boolean toJava) {
            if (value == null) {
                return null;
            }
            return toJava ? side.toJava(value) : side.toWit(value);
        }
    }

    /** A Java record as a WIT record (by field name) or tuple (by position, {@code names == null}). */
    private static final class RecordOf extends JavaWitType {
        private final WitType wit;
        private final List<String> names;
        private final List<JavaWitType> components;
        private final Constructor<?> constructor;
        private final List<Method> accessors;

        RecordOf(WitType wit, Class<?> record, List<String> names, List<JavaWitType> components) {
            this.wit = wit;
            this.names = names;
            this.components = List.copyOf(components);
            this.constructor = constructor(record);
            this.accessors = Arrays.stream(record.getRecordComponents())
                    .map(RecordComponent::getAccessor)
                    .peek(m -> m.setAccessible(true))
                    .toList();
        }

        @Override
        Object toJava(Object untyped) {
            Object[] args = new Object[components.size()];
            for (int i = 0; i < args.length; i++) {
                Object value = names == null ? ((WitTuple) untyped).get(i) : ((WitRecord) untyped).get(names.get(i));
                args[i] = components.get(i).toJava(value);
            }
            return construct(constructor, args);
        }

        @Override
        Object toWit(Object typed) {
            List<Object> values = new ArrayList<>(components.size());
            for (int i = 0; i < components.size(); i++) {
                Object value = invoke(accessors.get(i), typed);
                if (value == null) {
                    throw nullValue(wit);
                }
                values.add(components.get(i).toWit(value));
            }
            if (names == null) {
                return new WitTuple(values);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                fields.put(names.get(i), values.get(i));
            }
            return new WitRecord(fields);
        }
    }

    private record Case(String name, Constructor<?> constructor, JavaWitType payload, Method accessor) {}

    private static final class VariantOf extends JavaWitType {
        private final WitType.VariantType wit;
        private final Map<String, Case> byName;
        private final Map<Class<?>, Case> byClass;

        VariantOf(WitType.VariantType wit, Map<String, Case> byName, Map<Class<?>, Case> byClass) {
            this.wit = wit;
            this.byName = byName;
            this.byClass = byClass;
            byClass.values().stream().map(Case::accessor).filter(a -> a != null).forEach(a -> a.setAccessible(true));
        }

        @Override
        Object toJava(Object untyped) {
            WitVariant v = (WitVariant) untyped;
            Case c = byName.get(v.caseName());
            return c.payload() == null
                    ? construct(c.constructor())
                    : construct(c.constructor(), c.payload().toJava(v.payload()));
        }

        @Override
        Object toWit(Object typed) {
            Case c = byClass.get(typed.getClass());
            if (c == null) {
                throw new IllegalArgumentException(typed.getClass().getName() + " is not a case of " + wit.witName()
                        + "; expected " + expected(wit));
            }
            if (c.payload() == null) {
                return WitVariant.of(c.name());
            }
            Object payload = invoke(c.accessor(), typed);
            if (payload == null) {
                throw nullValue(wit);
            }
            return new WitVariant(c.name(), c.payload().toWit(payload));
        }
    }

    private static final class EnumOf extends JavaWitType {
        private final Map<String, Enum<?>> byCase;
        private final Map<Enum<?>, String> byConstant;

        EnumOf(WitType.EnumType wit, Map<String, Enum<?>> byCase, Map<Enum<?>, String> byConstant) {
            this.byCase = byCase;
            this.byConstant = byConstant;
        }

        @Override
        Object toJava(Object untyped) {
            return byCase.get(((WitEnum) untyped).caseName());
        }

        @Override
        Object toWit(Object typed) {
            return new WitEnum(byConstant.get((Enum<?>) typed));
        }
    }

    private static final class FlagsOf extends JavaWitType {
        private final Map<String, Enum<?>> byName = new HashMap<>();

        FlagsOf(WitType.FlagsType wit, Class<? extends Enum<?>> type) {
            for (Enum<?> constant : type.getEnumConstants()) {
                byName.put(witName(constant), constant);
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object toJava(Object untyped) {
            Set<Enum<?>> out = new LinkedHashSet<>();
            for (String name : ((WitFlags) untyped).set()) {
                out.add(byName.get(name));
            }
            if (out.isEmpty()) {
                return Set.of();
            }
            return EnumSet.copyOf((Set) out);
        }

        @Override
        Object toWit(Object typed) {
            Set<String> names = new LinkedHashSet<>();
            for (Object constant : (Set<?>) typed) {
                names.add(witName((Enum<?>) constant));
            }
            return new WitFlags(names);
        }
    }

    private static Object construct(Constructor<?> constructor, Object... args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot construct " + constructor.getDeclaringClass().getName(), e);
        }
    }

    private static Object invoke(Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
