package dev.theater.abi;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random WIT types of every family, random values of them: a value the host lowers into a guest export's arguments,
 * lifts again as a host import's arguments (the fake guest forwards its arguments to the import), lowers as the
 * import's result and lifts as the export's result arrives unchanged at both ends, through flat values and through
 * memory.
 */
class AbiRoundTripPropertyTest {
    private static final String EXPORT = "test:abi/guest#echo";

    /** A type and a value of it. */
    record Sample(WitType type, Object value) {
        @Override
        public String toString() {
            return type.witName() + " = " + describe(value);
        }
    }

    @Property(tries = 1500)
    void everyValueSurvivesLoweringAndLifting(
            @ForAll("samples") Sample sample, @ForAll boolean paramsThroughMemory, @ForAll boolean resultInMemory) {
        List<WitType.Field> params = new ArrayList<>(List.of(new WitType.Field("v", sample.type())));
        List<Object> args = new ArrayList<>(List.of(sample.value()));
        if (paramsThroughMemory) {
            // 16 more flat values push any signature past MAX_FLAT_PARAMS
            for (int i = 0; i < 16; i++) {
                params.add(new WitType.Field("pad" + i, Primitive.U8));
                args.add((byte) i);
            }
        }
        WitType resultType =
                resultInMemory ? new WitType.TupleType(List.of(sample.type(), Primitive.U64)) : sample.type();
        Object expected = resultInMemory ? WitTuple.of(sample.value(), 42L) : sample.value();
        WitFunction function = new WitFunction("echo", params, Optional.of(resultType));

        AtomicReference<List<Object>> received = new AtomicReference<>();
        HostImport echo = HostImports.bind("test:abi/host", function, a -> {
            received.set(a);
            return resultInMemory ? WitTuple.of(a.get(0), 42L) : a.get(0);
        });
        ExportFunction export = ExportFunction.of(EXPORT, function);
        boolean returnArea = AbiLayout.flat(resultType).size() > AbiLayout.MAX_FLAT_RESULTS;
        FakeInstance guest = new FakeInstance(1 << 20, 16);
        guest.withExport(EXPORT, export.coreType(), (self, a) -> {
            if (!returnArea) {
                return self.callImport(echo, a);
            }
            int area = self.malloc(AbiLayout.alignment(resultType), AbiLayout.size(resultType));
            long[] withReturnPointer = Arrays.copyOf(a, a.length + 1);
            withReturnPointer[a.length] = area;
            assertThat(self.callImport(echo, withReturnPointer)).isEmpty();
            return new long[] {area};
        });

        Object result = export.call(guest, args);

        assertThat(WitValues.deepEquals(received.get(), args))
                .as("import received %s", describe(received.get()))
                .isTrue();
        assertThat(WitValues.deepEquals(result, expected))
                .as("export returned %s", describe(result))
                .isTrue();
    }

    @Provide
    Arbitrary<Sample> samples() {
        return types(3).flatMap(t -> values(t).map(v -> new Sample(t, v)));
    }

    private static Arbitrary<WitType> types(int depth) {
        Arbitrary<WitType> primitives = Arbitraries.of(Primitive.values()).map(p -> p);
        Arbitrary<WitType> enums =
                Arbitraries.of(1, 2, 3, 256, 257).map(n -> new WitType.EnumType("enum" + n, names("e", n)));
        Arbitrary<WitType> flags = Arbitraries.of(0, 1, 3, 8, 9, 16, 17, 32, 33, 64, 65)
                .map(n -> new WitType.FlagsType("flags" + n, names("f", n)));
        if (depth == 0) {
            return Arbitraries.frequencyOf(Tuple.of(6, primitives), Tuple.of(1, enums), Tuple.of(1, flags));
        }
        Arbitrary<WitType> inner = types(depth - 1);
        Arbitrary<Optional<WitType>> maybe = inner.optional(0.7);
        return Arbitraries.frequencyOf(
                Tuple.of(4, primitives),
                Tuple.of(1, enums),
                Tuple.of(1, flags),
                Tuple.of(2, inner.map(WitType.ListType::new)),
                Tuple.of(1, inner.map(WitType.OptionType::new)),
                Tuple.of(1, Combinators.combine(maybe, maybe).as(WitType.ResultType::new)),
                Tuple.of(1, inner.list().ofMaxSize(4).map(WitType.TupleType::new)),
                Tuple.of(
                        1,
                        inner.list()
                                .ofMinSize(1)
                                .ofMaxSize(4)
                                .map(ts -> new WitType.RecordType(
                                        "rec",
                                        IntStream.range(0, ts.size())
                                                .mapToObj(i -> new WitType.Field("field" + i, ts.get(i)))
                                                .toList()))),
                Tuple.of(
                        1,
                        maybe.list()
                                .ofMinSize(1)
                                .ofMaxSize(5)
                                .map(ps -> new WitType.VariantType(
                                        "var",
                                        IntStream.range(0, ps.size())
                                                .mapToObj(i -> new WitType.Case("case" + i, ps.get(i)))
                                                .toList()))));
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static Arbitrary<Object> values(WitType type) {
        return switch (type) {
            case Primitive p -> primitive(p);
            case WitType.ListType l
            when l.element() == Primitive.U8 ->
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(b -> b);
            case WitType.ListType l -> values(l.element()).list().ofMaxSize(4).map(v -> v);
            case WitType.OptionType o -> values(o.inner()).optional(0.7).map(v -> v);
            case WitType.ResultType r ->
                Arbitraries.oneOf(
                        side(r.ok()).map(v -> WitResult.ok(v.orElse(null))),
                        side(r.err()).map(v -> WitResult.err(v.orElse(null))));
            case WitType.TupleType t -> all(t.elements()).map(vs -> new WitTuple(vs));
            case WitType.RecordType r ->
                all(r.fields().stream().map(WitType.Field::type).toList()).map(vs -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    for (int i = 0; i < vs.size(); i++) {
                        fields.put(r.fields().get(i).name(), vs.get(i));
                    }
                    return new WitRecord(fields);
                });
            case WitType.VariantType v ->
                Arbitraries.integers().between(0, v.cases().size() - 1).flatMap(i -> {
                    WitType.Case c = v.cases().get(i);
                    return side(c.payload()).map(p -> new WitVariant(c.name(), p.orElse(null)));
                });
            case WitType.EnumType e -> Arbitraries.of(e.cases()).map(WitEnum::new);
            case WitType.FlagsType f ->
                f.flags().isEmpty()
                        ? Arbitraries.just(new WitFlags(new HashSet<>()))
                        : Arbitraries.subsetOf(f.flags()).map(WitFlags::new);
        };
    }

    /** A value of the payload type, or empty when there is none. */
    private static Arbitrary<Optional<Object>> side(Optional<WitType> type) {
        return type.map(t -> values(t).map(Optional::of)).orElse(Arbitraries.just(Optional.empty()));
    }

    private static Arbitrary<List<Object>> all(List<WitType> types) {
        if (types.isEmpty()) {
            return Arbitraries.just(List.of());
        }
        List<Arbitrary<Object>> each =
                types.stream().map(AbiRoundTripPropertyTest::values).toList();
        return Combinators.combine(each).as(vs -> List.copyOf(vs));
    }

    private static Arbitrary<Object> primitive(Primitive p) {
        return switch (p) {
            case BOOL -> Arbitraries.of(true, false);
            case S8, U8 -> Arbitraries.bytes().map(v -> v);
            case S16, U16 -> Arbitraries.shorts().map(v -> v);
            case S32, U32 -> Arbitraries.integers().map(v -> v);
            case S64, U64 -> Arbitraries.longs().map(v -> v);
            case F32 ->
                Arbitraries.oneOf(
                                Arbitraries.integers(),
                                Arbitraries.of(0x7fc00000, 0x7f800001, 0xffc12345, 0x7fbfffff, 0x80000000))
                        .map(bits -> Float.intBitsToFloat(bits));
            case F64 ->
                Arbitraries.oneOf(
                                Arbitraries.longs(),
                                Arbitraries.of(0x7ff8000000000000L, 0x7ff0000000000001L, 0xfff8dead0000beefL))
                        .map(bits -> Double.longBitsToDouble(bits));
            case CHAR -> scalarValues().map(v -> v);
            case STRING ->
                scalarValues().list().ofMaxSize(8).map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    cps.forEach(sb::appendCodePoint);
                    return sb.toString();
                });
        };
    }

    private static Arbitrary<Integer> scalarValues() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0x10FFFF),
                Arbitraries.of(0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF));
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case byte[] b -> "byte" + Arrays.toString(b);
            case Float f -> f + "(0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
            case Double d -> d + "(0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
            case List<?> l ->
                l.stream().map(AbiRoundTripPropertyTest::describe).toList().toString();
            case Optional<?> o -> o.map(x -> "some(" + describe(x) + ")").orElse("none");
            case WitTuple t -> "tuple" + describe(t.elements());
            case WitRecord r -> {
                Map<String, String> fields = new LinkedHashMap<>();
                r.fields().forEach((k, v) -> fields.put(k, describe(v)));
                yield "record" + fields;
            }
            case WitVariant v -> v.caseName() + "(" + describe(v.payload()) + ")";
            case WitResult<?, ?> r -> (r.isOk() ? "ok(" : "err(") + describe(r.value()) + ")";
            default -> value.toString();
        };
    }
}
