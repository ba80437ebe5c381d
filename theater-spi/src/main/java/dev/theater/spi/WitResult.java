package dev.theater.spi;

/**
 * A WIT {@code result} value. {@code value} is the payload, or {@code null} when that side of the result type has
 * none ({@code result<_, string>} has no ok payload: {@code WitResult<Void, String>}, made with {@link #ok()}).
 *
 * @param <T> the ok payload's Java type ({@link Void} for none)
 * @param <E> the error payload's Java type ({@link Void} for none)
 */
public sealed interface WitResult<T, E> permits WitResult.Ok, WitResult.Err {

    Object value();

    static <T, E> WitResult<T, E> ok(T value) {
        return new Ok<>(value);
    }

    /** The ok result of a type without ok payload, e.g. {@code result<_, string>}. */
    static <E> WitResult<Void, E> ok() {
        return new Ok<>(null);
    }

    static <T, E> WitResult<T, E> err(E value) {
        return new Err<>(value);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    record Ok<T, E>(T value) implements WitResult<T, E> {}

    record Err<T, E>(E value) implements WitResult<T, E> {}
}
