package dev.theater.testkit;

import dev.theater.spi.ChainEvent;
import java.util.List;

/**
 * Entry points of the fluent assertions over host calls and chains:
 *
 * <pre>{@code
 * assertThat(actor.call("theater:simple/random#random-range", 1L, 7L)).returnedOk().okValueSatisfies(v -> ...);
 * assertThat(actor).chain().isIntact().hasHostCallsInOrder("theater:simple/random#random-range");
 * }</pre>
 *
 * Failures throw {@link org.opentest4j.AssertionFailedError}, which every JUnit version reports.
 */
public final class HandlerAssertions {
    private HandlerAssertions() {}

    public static HostCallAssert assertThat(HostCall call) {
        return new HostCallAssert(call);
    }

    public static ChainAssert assertThat(List<ChainEvent> chain) {
        return new ChainAssert(chain);
    }

    /** Assertions over the actor's chain as it is now. */
    public static ChainAssert assertThat(DriverActor actor) {
        return new ChainAssert(actor.chain());
    }
}
