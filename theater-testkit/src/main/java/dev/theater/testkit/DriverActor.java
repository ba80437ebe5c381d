package dev.theater.testkit;

import static java.util.Objects.requireNonNull;

import dev.theater.runtime.ActorRef;
import dev.theater.spi.ChainEvent;
import dev.theater.testkit.internal.DriverModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opentest4j.AssertionFailedError;

/**
 * A running actor whose guest calls host functions on request: {@link #call} lowers Java arguments (as {@link
 * dev.theater.spi.HostFunction} documents them) into the guest, which calls the import through the real runtime, and
 * returns the call as the chain recorded it. Made by {@link HandlerHarness#spawnDriver}.
 */
public final class DriverActor {
    static final String SEND = "theater:simple/message-server-client#handle-send";

    private final ActorRef ref;
    private final DriverModule module;
    private final Duration timeout;

    DriverActor(ActorRef ref, DriverModule module, Duration timeout) {
        this.ref = requireNonNull(ref, "ref is null");
        this.module = requireNonNull(module, "module is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** The actor, for its controller (status, chain, metrics) and executor. */
    public ActorRef ref() {
        return ref;
    }

    /** The functions the guest imports, as {@code interface#function}. */
    public List<String> imports() {
        return module.imports().stream().map(DriverModule.Import::qualifiedName).toList();
    }

    /**
     * Makes the guest call {@code qualifiedFunction} ({@code interface#function}) with {@code args} and returns the call
     * as recorded. A host function that throws makes the guest's operation trap: the returned call then has an {@link
     * HostCall#error()} and the trap as {@link HostCall#guestFailure()}.
     *
     * @throws IllegalArgumentException when the guest does not import the function or an argument does not fit its
     *     WIT type
     * @throws AssertionFailedError when the call recorded no host-call event (the operation failed before reaching
     *     the host, or timed out)
     */
    public HostCall call(String qualifiedFunction, Object... args) {
        requireNonNull(qualifiedFunction, "qualifiedFunction is null");
        byte[] message = module.message(qualifiedFunction, Arrays.asList(args));
        int before = ref.controller().chain().size();
        Optional<Throwable> failure = Optional.empty();
        try {
            ref.executor().call(SEND, List.of(message)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            failure = Optional.of(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionFailedError("the guest's call of " + qualifiedFunction + " did not finish within "
                    + timeout + "; does the host function block?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while calling " + qualifiedFunction, e);
        }
        return find(qualifiedFunction, before, failure);
    }

    private HostCall find(String qualifiedFunction, int before, Optional<Throwable> failure) {
        List<ChainEvent> events = ref.controller().chain();
        for (int i = events.size() - 1; i >= before; i--) {
            ChainEvent event = events.get(i);
            if (event.eventType().equals("host-call")
                    && event.description().filter(qualifiedFunction::equals).isPresent()) {
                return HostCall.of(event, failure);
            }
        }
        throw new AssertionFailedError(
                "the guest's call of " + qualifiedFunction + " recorded no host-call event"
                        + failure.map(f -> "; the operation failed: " + f).orElse(""),
                failure.orElse(null));
    }

    /**
     * Like {@link #call}, without waiting: for calls that block in the host (a sleep) while the test does something
     * else. The future completes when the operation ends.
     */
    public CompletableFuture<HostCall> callAsync(String qualifiedFunction, Object... args) {
        requireNonNull(qualifiedFunction, "qualifiedFunction is null");
        byte[] message = module.message(qualifiedFunction, Arrays.asList(args));
        int before = ref.controller().chain().size();
        return ref.executor()
                .call(SEND, List.of(message))
                .handle((ok, failure) -> find(
                        qualifiedFunction,
                        before,
                        Optional.ofNullable(failure)
                                .map(f -> f instanceof CompletionException c && c.getCause() != null
                                        ? c.getCause()
                                        : f)));
    }

    /** Every host call in the chain so far, in order. */
    public List<HostCall> hostCalls() {
        List<HostCall> calls = new ArrayList<>();
        for (ChainEvent event : ref.controller().chain()) {
            if (event.eventType().equals("host-call")) {
                calls.add(HostCall.of(event, Optional.empty()));
            }
        }
        return calls;
    }

    /** The actor's chain so far. */
    public List<ChainEvent> chain() {
        return ref.controller().chain();
    }

    @Override
    public String toString() {
        return "DriverActor[" + ref.id() + ", imports " + imports() + "]";
    }
}
