package dev.theater.spi;

/**
 * A WIT {@code result} value. {@code value} is the payload, or {@code null} when that side of the result type has
 * none ({@code result<_, string>} has no ok payload).
 */
public sealed interface WitResult permits WitResult.Ok, WitResult.Err {

    Object value();

    static Ok ok(Object value) {
        return new Ok(value);
    }

    static Err err(Object value) {
        return new Err(value);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    record Ok(Object value) implements WitResult {}

    record Err(Object value) implements WitResult {}
}
