package dev.theater.testkit.internal;

import dev.theater.spi.WitEnum;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Arguments for any host function, made from its WIT signature, in the untyped values of {@link
 * dev.theater.spi.HostFunction}: the contract suite calls every bound function with them. Two sets per function: the
 * smallest values (zero, empty, none, the first case) and filled ones (one, a short text, one element, some, the
 * last case, every flag).
 */
public final class GeneratedArguments {
    private GeneratedArguments() {}

    /** The smallest arguments, then the filled ones. */
    public static List<List<Object>> of(WitFunction function) {
        List<Object> small = new ArrayList<>();
        List<Object> filled = new ArrayList<>();
        for (WitType.Field param : function.params()) {
            small.add(value(param.type(), false));
            filled.add(value(param.type(), true));
        }
        return List.of(small, filled);
    }

    private static Object value(WitType type, boolean filled) {
        return switch (type) {
            case WitType.Primitive p -> primitive(p, filled);
            case WitType.ListType list -> {
                if (list.element() == WitType.Primitive.U8) {
                    yield filled ? new byte[] {1, 2, 3} : new byte[0];
                }
                yield filled ? List.of(value(list.element(), true)) : List.of();
            }
            case WitType.OptionType option -> filled ? Optional.of(value(option.inner(), true)) : Optional.empty();
            case WitType.ResultType result ->
                filled
                        ? WitResult.err(result.err().map(t -> value(t, true)).orElse(null))
                        : WitResult.ok(result.ok().map(t -> value(t, false)).orElse(null));
            case WitType.TupleType tuple -> {
                List<Object> elements = new ArrayList<>();
                tuple.elements().forEach(t -> elements.add(value(t, filled)));
                yield new WitTuple(elements);
            }
            case WitType.RecordType record -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                record.fields().forEach(f -> fields.put(f.name(), value(f.type(), filled)));
                yield new WitRecord(fields);
            }
            case WitType.VariantType variant -> {
                WitType.Case c = variant.cases().get(filled ? variant.cases().size() - 1 : 0);
                yield new WitVariant(
                        c.name(), c.payload().map(t -> value(t, filled)).orElse(null));
            }
            case WitType.EnumType e ->
                new WitEnum(e.cases().get(filled ? e.cases().size() - 1 : 0));
            case WitType.FlagsType flags -> new WitFlags(filled ? Set.copyOf(flags.flags()) : Set.of());
        };
    }

    private static Object primitive(WitType.Primitive type, boolean filled) {
        return switch (type) {
            case BOOL -> filled;
            case S8, U8 -> (byte) (filled ? 1 : 0);
            case S16, U16 -> (short) (filled ? 1 : 0);
            case S32, U32 -> filled ? 1 : 0;
            case S64, U64 -> filled ? 1L : 0L;
            case F32 -> filled ? 1.5f : 0f;
            case F64 -> filled ? 1.5 : 0.0;
            case CHAR -> (int) (filled ? 'x' : 'a');
            case STRING -> filled ? "x" : "";
        };
    }
}
