package dev.theater.spi;

import static java.util.Objects.requireNonNull;

/** A WIT {@code enum} value: the name of its case. */
public record WitEnum(String caseName) {
    public WitEnum {
        requireNonNull(caseName, "caseName is null");
    }
}
