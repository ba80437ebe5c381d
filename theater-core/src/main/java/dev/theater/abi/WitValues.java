package dev.theater.abi;

import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Helpers for Java values of WIT types. */
public final class WitValues {
    private WitValues() {}

    /**
     * Whether two Java values of WIT types are the same value: {@code byte[]} by content, floats by their raw bits
     * (so NaNs with different payloads differ, and {@code 0.0} differs from {@code -0.0}), and containers
     * element by element.
     */
    public static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return switch (a) {
            case byte[] x -> b instanceof byte[] y && Arrays.equals(x, y);
            case Float x -> b instanceof Float y && Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y);
            case Double x -> b instanceof Double y && Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
            case List<?> x -> b instanceof List<?> y && listEquals(x, y);
            case Optional<?> x ->
                b instanceof Optional<?> y
                        && x.isPresent() == y.isPresent()
                        && (x.isEmpty() || deepEquals(x.get(), y.get()));
            case WitTuple x -> b instanceof WitTuple y && listEquals(x.elements(), y.elements());
            case WitRecord x -> b instanceof WitRecord y && mapEquals(x.fields(), y.fields());
            case WitVariant x ->
                b instanceof WitVariant y && x.caseName().equals(y.caseName()) && deepEquals(x.payload(), y.payload());
            case WitResult<?, ?> x ->
                b instanceof WitResult<?, ?> y && x.isOk() == y.isOk() && deepEquals(x.value(), y.value());
            default -> a.equals(b);
        };
    }

    private static boolean listEquals(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> i = a.iterator();
        Iterator<?> j = b.iterator();
        while (i.hasNext()) {
            if (!deepEquals(i.next(), j.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean mapEquals(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!deepEquals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
