package dev.theater.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A WIT {@code tuple} value: its elements in order. */
public record WitTuple(List<Object> elements) {
    public WitTuple {
        elements = List.copyOf(requireNonNull(elements, "elements is null"));
    }

    public static WitTuple of(Object... elements) {
        return new WitTuple(List.of(elements));
    }

    public Object get(int index) {
        return elements.get(index);
    }
}
