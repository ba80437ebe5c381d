package dev.theater.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.theater.wit.WitFunction;
import dev.theater.wit.WitType;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Helpers for the ABI tests. */
final class AbiAssertions {
    private AbiAssertions() {}

    /** The {@link AbiException} {@code call} throws; fails the test if it throws anything else or nothing. */
    static AbiException abiFailure(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(AbiException.class);
        return (AbiException) thrown;
    }

    /** {@code name: func(p0: T0, p1: T1, ...)} without a result. */
    static WitFunction takes(String name, WitType... params) {
        return new WitFunction(
                name,
                IntStream.range(0, params.length)
                        .mapToObj(i -> new WitType.Field(params.length == 1 ? "v" : "p" + i, params[i]))
                        .toList(),
                Optional.empty());
    }

    /** {@code name: func() -> T}. */
    static WitFunction returns(String name, WitType result) {
        return new WitFunction(name, List.of(), Optional.of(result));
    }
}
