package dev.theater.abi;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.ValType;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Builds the {@link Codec} of a WIT type once and shares it; types are immutable values, so equal types share one. */
final class Codecs {
    private static final ConcurrentMap<WitType, Codec> CACHE = new ConcurrentHashMap<>();

    private Codecs() {}

    static Codec of(WitType type) {
        Codec codec = CACHE.get(type);
        if (codec == null) {
            codec = create(type);
            Codec previous = CACHE.putIfAbsent(type, codec);
            if (previous != null) {
                codec = previous;
            }
        }
        return codec;
    }

    private static Codec create(WitType type) {
        return switch (type) {
            case WitType.Primitive p -> p == WitType.Primitive.STRING ? new StringCodec() : new ScalarCodec(p);
            case WitType.ListType l ->
                l.element() == WitType.Primitive.U8 ? new BytesCodec(l) : new ListCodec(l, of(l.element()));
            case WitType.OptionType o -> VariantCodec.option(o, of(o.inner()));
            case WitType.ResultType r ->
                VariantCodec.result(
                        r,
                        r.ok().map(Codecs::of).orElse(null),
                        r.err().map(Codecs::of).orElse(null));
            case WitType.TupleType t -> StructCodec.tuple(t, all(t.elements()));
            case WitType.RecordType r ->
                StructCodec.record(
                        r, all(r.fields().stream().map(WitType.Field::type).toList()));
            case WitType.VariantType v -> VariantCodec.variant(v, payloads(v.cases()));
            case WitType.EnumType e -> VariantCodec.enumeration(e);
            case WitType.FlagsType f -> new FlagsCodec(f);
        };
    }

    private static List<Codec> all(List<WitType> types) {
        List<Codec> codecs = new ArrayList<>(types.size());
        for (WitType t : types) {
            codecs.add(of(t));
        }
        return codecs;
    }

    private static List<Codec> payloads(List<WitType.Case> cases) {
        List<Codec> codecs = new ArrayList<>(cases.size());
        for (WitType.Case c : cases) {
            codecs.add(c.payload().map(Codecs::of).orElse(null));
        }
        return codecs;
    }

    static StructCodec params(WitFunction function) {
        return StructCodec.params(function.params(), all(function.paramTypes()));
    }

    static Optional<Codec> result(WitFunction function) {
        return function.result().map(Codecs::of);
    }

    /**
     * The core type of {@code function}: more than {@link AbiLayout#MAX_FLAT_PARAMS} flat parameters become one i32
     * pointer; more than {@link AbiLayout#MAX_FLAT_RESULTS} flat results become an i32 pointer result when the guest
     * implements the function ({@code lift}) or a trailing i32 return pointer parameter when the guest calls it
     * ({@code lower}).
     */
    static CoreFunctionType coreType(WitFunction function, boolean lift) {
        List<ValType> params = new ArrayList<>(params(function).flatTypes);
        if (params.size() > AbiLayout.MAX_FLAT_PARAMS) {
            params = new ArrayList<>(List.of(ValType.I32));
        }
        List<ValType> results = result(function).map(c -> c.flatTypes).orElse(List.of());
        if (results.size() > AbiLayout.MAX_FLAT_RESULTS) {
            if (lift) {
                results = List.of(ValType.I32);
            } else {
                params.add(ValType.I32);
                results = List.of();
            }
        }
        return CoreFunctionType.of(params, results);
    }
}
