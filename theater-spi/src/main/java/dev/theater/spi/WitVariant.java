package dev.theater.spi;

import static java.util.Objects.requireNonNull;

/** A WIT {@code variant} value: the case name and its payload, or {@code null} for a case without one. */
public record WitVariant(String caseName, Object payload) {
    public WitVariant {
        requireNonNull(caseName, "caseName is null");
    }

    public static WitVariant of(String caseName) {
        return new WitVariant(caseName, null);
    }
}
