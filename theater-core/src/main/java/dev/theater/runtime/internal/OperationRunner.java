package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.abi.AbiException;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.manifest.Durations;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one operation of an actor on the actor's thread: arms its {@code call_timeout}, records it in the chain, runs
 * it, classifies a failure ({@code Trap}, {@code Timeout}, {@code Interrupted}, {@code GuestError}) with a message that
 * names the actor and the operation, keeps the new state and counts it for {@link ActorMetrics}.
 */
final class OperationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(OperationRunner.class);

    private final Actor actor;
    private final String manifestOrigin;
    private final Optional<Duration> callTimeout;
    private final Instant spawnedAt;
    private volatile Counters counters = Counters.NONE;
    private volatile Current current;
    private volatile long memoryBytes;

    /** What an operation ended with: its value, or its failure. */
    record Result(Object value, ActorException failure) {}

    /** What a guest call returns to the runner: the actor's new state and the caller's value. */
    record StateUpdate(byte[] state, Object value) {}

    OperationRunner(Actor actor, String manifestOrigin, Optional<Duration> callTimeout) {
        this.actor = requireNonNull(actor, "actor is null");
        this.manifestOrigin = requireNonNull(manifestOrigin, "manifestOrigin is null");
        this.callTimeout = requireNonNull(callTimeout, "callTimeout is null");
        this.spawnedAt = actor.context().clock().instant();
    }

    /** Publishes {@code operation} as the running one, from {@code now}. */
    void begin(String operation, Instant now) {
        current = new Current(operation, now);
    }

    /** Nothing runs. */
    void idle() {
        current = null;
    }

    /** Runs {@code op}, which {@link #begin} published; the actor's lock is not held. Ends with {@link #idle}. */
    Result run(Operation op) {
        ScheduledFuture<?> timeout = null;
        if (op.runsGuestCode() && callTimeout.isPresent()) {
            timeout = actor.context()
                    .timer()
                    .schedule(
                            () -> actor.loop().interrupt(op, Operation.InterruptReason.TIMEOUT),
                            callTimeout.get().toNanos(),
                            TimeUnit.NANOSECONDS);
        }
        long started = System.nanoTime();
        Object value = null;
        Throwable thrown = null;
        try {
            op.recordStart(actor);
            value = op.run(actor);
        } catch (Throwable t) {
            thrown = t;
        }
        long elapsed = System.nanoTime() - started;
        if (timeout != null) {
            timeout.cancel(false);
        }
        Operation.InterruptReason reason = actor.loop().endRunning(op);
        if (thrown instanceof VirtualMachineError vm && !(vm instanceof StackOverflowError)) {
            LOG.error("actor '{}' ({}) operation {} hit a JVM error", actor.name(), actor.id(), op.name(), vm);
        }
        ActorException failure = thrown == null ? null : classify(op, thrown, reason);
        if (failure == null && reason == Operation.InterruptReason.FORCE_STOP) {
            failure = interrupted(op, null);
        }
        if (failure == null && value instanceof StateUpdate update) {
            actor.keepState(update.state());
            value = update.value();
        }
        try {
            op.recordEnd(actor, value, failure);
        } catch (RuntimeException e) {
            LOG.warn(
                    "actor '{}' ({}) could not record the end of {} in its chain",
                    actor.name(),
                    actor.id(),
                    op.name(),
                    e);
        }
        counters = counters.add(elapsed, failure != null);
        WasmInstance instance = actor.instance();
        if (op.runsGuestCode() && instance != null) {
            memoryBytes = memorySize(instance);
        }
        current = null;
        return new Result(value, failure);
    }

    /** Whether {@code failure} of {@code op} crashes a supervised actor: guest failures after init, not stops. */
    static boolean crashes(Operation op, ActorException failure) {
        boolean init = op instanceof GuestCall call && call.isInit();
        return op.runsGuestCode()
                && !init
                && (failure instanceof ActorException.Trap
                        || failure instanceof ActorException.Timeout
                        || failure instanceof ActorException.GuestError);
    }

    private ActorException classify(Operation op, Throwable thrown, Operation.InterruptReason reason) {
        if (thrown instanceof ActorException.GuestError e) {
            return e;
        }
        String what = "actor '" + actor.name() + "' (" + actor.id() + ") operation " + op.name();
        if (reason == Operation.InterruptReason.TIMEOUT) {
            return new ActorException.Timeout(
                    actor.id(),
                    what + " ran longer than its call_timeout of "
                            + callTimeout.map(Durations::describe).orElse("?") + " and was interrupted; the actor goes"
                            + " on with its state from before the call. Raise [limits] call_timeout in "
                            + manifestOrigin + " if the call needs longer",
                    thrown);
        }
        if (reason == Operation.InterruptReason.FORCE_STOP || thrown instanceof WasmException.Interrupted) {
            return interrupted(op, thrown);
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof HostCallFailure f) {
                return new ActorException.Trap(actor.id(), what + " failed: " + f.getMessage(), f);
            }
        }
        if (thrown instanceof ActorException e) {
            return e;
        }
        String kind;
        if (thrown instanceof WasmException.Trap) {
            kind = " trapped: ";
        } else if (thrown instanceof AbiException) {
            kind = " broke the canonical ABI: ";
        } else if (thrown instanceof StackOverflowError) {
            kind = " exhausted the stack: ";
        } else {
            kind = " failed: ";
        }
        return new ActorException.Trap(actor.id(), what + kind + Actor.messageOf(thrown), thrown);
    }

    /** How {@code op} fails when the actor was force-stopped while it ran. */
    ActorException.Interrupted interrupted(Operation op, Throwable cause) {
        return new ActorException.Interrupted(
                actor.id(),
                "actor '" + actor.name() + "' (" + actor.id() + ") operation " + op.name()
                        + " was interrupted: the actor was force-stopped",
                cause);
    }

    /** Reads the memory size after the instance is attached. */
    void instanceAttached(WasmInstance instance) {
        memoryBytes = memorySize(instance);
    }

    private static long memorySize(WasmInstance instance) {
        try {
            return instance.memory().size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    ActorMetrics metrics(int mailboxDepth, long chainSize, int restarts) {
        Counters c = counters;
        Current now = current;
        return new ActorMetrics(
                c.total(),
                c.failed(),
                Duration.ofNanos(c.totalNanos()),
                Duration.ofNanos(c.total() == 0 ? 0 : c.minNanos()),
                Duration.ofNanos(c.maxNanos()),
                Duration.ofNanos(c.lastNanos()),
                now == null ? Optional.empty() : Optional.of(now.operation()),
                now == null ? Optional.empty() : Optional.of(now.since()),
                mailboxDepth,
                memoryBytes,
                chainSize,
                Duration.between(spawnedAt, actor.context().clock().instant()),
                restarts);
    }

    /** What the actor is running now. */
    private record Current(String operation, Instant since) {}

    /** Operation counters; replaced as a whole at the end of each operation by the actor's thread. */
    private record Counters(long total, long failed, long totalNanos, long minNanos, long maxNanos, long lastNanos) {
        static final Counters NONE = new Counters(0, 0, 0, Long.MAX_VALUE, 0, 0);

        Counters add(long nanos, boolean failure) {
            return new Counters(
                    total + 1,
                    failed + (failure ? 1 : 0),
                    totalNanos + nanos,
                    Math.min(minNanos, nanos),
                    Math.max(maxNanos, nanos),
                    nanos);
        }
    }
}
