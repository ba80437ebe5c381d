package dev.theater.spi;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/** A WIT {@code flags} value: the names of the flags that are set. */
public record WitFlags(Set<String> set) {
    public WitFlags {
        set = Set.copyOf(requireNonNull(set, "set is null"));
    }

    public static WitFlags of(String... names) {
        return new WitFlags(Set.of(names));
    }
}
