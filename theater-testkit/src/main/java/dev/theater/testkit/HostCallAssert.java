package dev.theater.testkit;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorException;
import java.util.Objects;
import java.util.function.Consumer;
import org.opentest4j.AssertionFailedError;

/** Fluent assertions over one {@link HostCall}; each returns {@code this}. */
public final class HostCallAssert {
    private final HostCall call;

    HostCallAssert(HostCall call) {
        this.call = requireNonNull(call, "call is null");
    }

    private AssertionFailedError fail(String expectation) {
        return new AssertionFailedError(
                "expected " + call.qualifiedName() + call.params() + " to " + expectation + ", but " + call.describe());
    }

    /** The host function returned (did not throw). */
    public HostCallAssert returned() {
        if (!call.returned()) {
            throw fail("return");
        }
        return this;
    }

    /** It returned exactly {@code expected} (a chain JSON value: Map, List, String, Long, Double, Boolean or null). */
    public HostCallAssert returned(Object expected) {
        returned();
        if (!Objects.equals(call.result(), expected)) {
            throw new AssertionFailedError(
                    call.qualifiedName() + " returned " + call.result() + ", expected " + expected,
                    expected,
                    call.result());
        }
        return this;
    }

    /** It returned {@code ok(...)}. */
    public HostCallAssert returnedOk() {
        if (!call.isOk()) {
            throw fail("return ok(...)");
        }
        return this;
    }

    /** It returned {@code ok(expected)}. */
    public HostCallAssert returnedOk(Object expected) {
        returnedOk();
        if (!Objects.equals(call.ok(), expected)) {
            throw new AssertionFailedError(
                    call.qualifiedName() + " returned ok(" + call.ok() + "), expected ok(" + expected + ")",
                    expected,
                    call.ok());
        }
        return this;
    }

    /** It returned {@code ok(v)} and {@code check} accepts {@code v}. */
    public HostCallAssert okValueSatisfies(Consumer<Object> check) {
        returnedOk();
        check.accept(call.ok());
        return this;
    }

    /** It returned {@code err(message)} with a non-blank message. */
    public HostCallAssert returnedErr() {
        if (!call.isErr()) {
            throw fail("return err(...)");
        }
        if (call.err() instanceof String message && message.isBlank()) {
            throw fail("return err(...) with a message that says what failed");
        }
        return this;
    }

    /** It returned {@code err(message)} and the message contains {@code part}. */
    public HostCallAssert returnedErrContaining(String part) {
        returnedErr();
        if (!String.valueOf(call.err()).contains(part)) {
            throw fail("return err(...) containing \"" + part + "\"");
        }
        return this;
    }

    /**
     * The host function threw a message containing {@code part}, the chain recorded it, and the guest's operation
     * failed with a {@link ActorException.Trap} that names the function.
     */
    public HostCallAssert threw(String part) {
        if (call.returned()) {
            throw fail("throw \"" + part + "\"");
        }
        if (!call.error().orElseThrow().contains(part)) {
            throw fail("throw a message containing \"" + part + "\"");
        }
        Throwable failure = call.guestFailure()
                .orElseThrow(() -> new AssertionFailedError(
                        "the host function " + call.qualifiedName() + " threw, but the guest's operation succeeded"));
        if (!(failure instanceof ActorException.Trap)
                || !String.valueOf(failure.getMessage()).contains(call.qualifiedName())) {
            throw new AssertionFailedError(
                    "the host function " + call.qualifiedName() + " threw; expected the guest's"
                            + " operation to trap naming it, but it failed with " + failure,
                    failure);
        }
        return this;
    }

    /** The call had the argument {@code name} = {@code expected} (chain JSON). */
    public HostCallAssert hasParam(String name, Object expected) {
        if (!call.params().containsKey(name) || !Objects.equals(call.params().get(name), expected)) {
            throw new AssertionFailedError(
                    call.qualifiedName() + " had params " + call.params() + ", expected " + name + " = " + expected,
                    expected,
                    call.params().get(name));
        }
        return this;
    }
}
