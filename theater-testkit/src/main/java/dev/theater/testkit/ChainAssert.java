package dev.theater.testkit;

import static java.util.Objects.requireNonNull;

import dev.theater.chain.ChainVerifier;
import dev.theater.chain.VerifyResult;
import dev.theater.spi.ChainEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/** Fluent assertions over an actor's chain; each returns {@code this}. */
public final class ChainAssert {
    private final List<ChainEvent> chain;

    ChainAssert(List<ChainEvent> chain) {
        this.chain = List.copyOf(requireNonNull(chain, "chain is null"));
    }

    private List<HostCall> hostCalls() {
        List<HostCall> calls = new ArrayList<>();
        for (ChainEvent event : chain) {
            if (event.eventType().equals("host-call")) {
                calls.add(HostCall.of(event, Optional.empty()));
            }
        }
        return calls;
    }

    /** Every event's hash covers its content and its parent's hash. */
    public ChainAssert isIntact() {
        VerifyResult result = ChainVerifier.verify(chain);
        if (!(result instanceof VerifyResult.Intact)) {
            throw new AssertionFailedError(
                    "expected the chain of " + chain.size() + " events to verify, but " + result);
        }
        return this;
    }

    /** The chain has host calls of {@code qualifiedNames} in this order (others may come between). */
    public ChainAssert hasHostCallsInOrder(String... qualifiedNames) {
        List<String> actual = hostCalls().stream().map(HostCall::qualifiedName).toList();
        int next = 0;
        for (String name : actual) {
            if (next < qualifiedNames.length && name.equals(qualifiedNames[next])) {
                next++;
            }
        }
        if (next < qualifiedNames.length) {
            throw new AssertionFailedError(
                    "expected host calls " + Arrays.toString(qualifiedNames) + " in this order, but the chain has "
                            + actual,
                    List.of(qualifiedNames),
                    actual);
        }
        return this;
    }

    /** The chain has exactly {@code count} host calls of {@code qualifiedName}. */
    public ChainAssert hasHostCallCount(String qualifiedName, int count) {
        long actual = hostCalls().stream()
                .filter(c -> c.qualifiedName().equals(qualifiedName))
                .count();
        if (actual != count) {
            throw new AssertionFailedError(
                    "expected " + count + " host calls of " + qualifiedName + ", but the chain has " + actual,
                    count,
                    actual);
        }
        return this;
    }

    /** No host function threw. */
    public ChainAssert hasNoHostFailure() {
        for (HostCall call : hostCalls()) {
            if (!call.returned()) {
                throw new AssertionFailedError("expected no host function to throw, but " + call);
            }
        }
        return this;
    }

    /** The chain has an event of {@code eventType} (e.g. {@code lifecycle}, {@code export-call}). */
    public ChainAssert hasEventOfType(String eventType) {
        if (chain.stream().noneMatch(e -> e.eventType().equals(eventType))) {
            throw new AssertionFailedError("expected a " + eventType + " event, but the chain has only "
                    + chain.stream().map(ChainEvent::eventType).distinct().toList());
        }
        return this;
    }
}
