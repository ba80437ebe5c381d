package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.WasmInstance;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.ActorMetrics;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.Handler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running actor: its identity, instance, state bytes, handlers and chain, and the parts it is made of — its
 * {@link Lifecycle} state (held here, under {@link #lock}), the {@link ActorLoop} (mailbox and drain loop), the
 * {@link ActorControl} (pause, resume, shutdown, forced stop), the {@link OperationRunner} (one operation, its
 * failures and metrics), the {@link StatusBoard} (the published status and its chain events) and the
 * {@link ActorHandles}. See {@code docs/runtime.md} for the life cycle and the interruption protocol.
 *
 * <p>Concurrency: one small lock guards the life-cycle state, the mailbox, the scheduling flags and the operation that
 * is running; it is never held while guest code runs. Status, metrics and state are published through volatile
 * fields, so controller snapshots never take the lock. Operations run one at a time on threads of the runtime's pool.
 */
public final class Actor {
    private static final Logger LOG = LoggerFactory.getLogger(Actor.class);

    private final ActorId id;
    private final String name;
    private final RuntimeContext context;
    private final ActorChain chain;
    private final Set<String> exports;
    private final Consumer<Actor> onTerminated;

    private final Object lock = new Object();
    private final StatusBoard status;
    private final OperationRunner runner;
    private final ActorLoop loop;
    private final ActorControl control;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ShutdownSignal shutdownSignal = new ShutdownSignal();

    /** Guarded by {@link #lock}. */
    private Lifecycle.State phase = Lifecycle.initial();

    private volatile List<Handler> handlers = List.of();
    private volatile WasmInstance instance;
    private volatile byte[] state;
    private volatile int restarts;
    private volatile boolean supervised;
    private volatile ActorException crash;

    private final ActorExecutor executor = new ActorHandles.Executor(this);
    private final ActorController controller = new ActorHandles.Controller(this);

    /**
     * A new actor in status {@code Starting}; {@link #start} finishes the spawn.
     *
     * @param initState the bytes {@code init} receives, or {@code null} for none
     */
    public Actor(
            ActorId id,
            String name,
            String manifestOrigin,
            RuntimeContext context,
            ActorChain chain,
            Optional<Duration> callTimeout,
            int mailboxLimit,
            Set<String> exports,
            byte[] initState,
            Consumer<Actor> onTerminated) {
        this.id = requireNonNull(id, "id is null");
        this.name = requireNonNull(name, "name is null");
        this.context = requireNonNull(context, "context is null");
        this.chain = requireNonNull(chain, "chain is null");
        this.exports = Set.copyOf(requireNonNull(exports, "exports is null"));
        this.state = initState == null ? null : initState.clone();
        this.onTerminated = requireNonNull(onTerminated, "onTerminated is null");
        this.status = new StatusBoard(id, name, chain, context.pool(), phase.status());
        this.runner = new OperationRunner(this, manifestOrigin, callTimeout);
        // Operations wait until start() has given every handler its handles.
        this.loop = new ActorLoop(this, new Mailbox(id, name, manifestOrigin, mailboxLimit), runner);
        this.control = new ActorControl(this, loop);
    }

    public ActorId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ActorExecutor executor() {
        return executor;
    }

    public ActorController controller() {
        return controller;
    }

    public ActorChain chain() {
        return chain;
    }

    /** Tells this actor's handlers about a message it sends to {@code recipient} ({@link Handler#messageSent}). */
    void messageSent(ActorId recipient, byte[] payload) {
        for (Handler handler : handlers) {
            try {
                handler.messageSent(recipient, payload.clone());
            } catch (RuntimeException e) {
                LOG.warn(
                        "{} of actor '{}' ({}) failed on a message to {}; the message goes on: {}",
                        handler,
                        name,
                        id,
                        recipient,
                        e.toString());
            }
        }
    }

    RuntimeContext context() {
        return context;
    }

    WasmInstance instance() {
        return instance;
    }

    StatusBoard status() {
        return status;
    }

    /** The export names of the actor's module. */
    Set<String> exports() {
        return exports;
    }

    /** {@code [limits] mailbox}: how many operations may wait in the mailbox. */
    int mailboxLimit() {
        return loop.mailbox().limit();
    }

    /** The state bytes without a copy, for hashing on the actor's thread; {@code null} for none. */
    byte[] stateBytes() {
        return state;
    }

    Optional<byte[]> currentState() {
        byte[] s = state;
        return s == null ? Optional.empty() : Optional.of(s.clone());
    }

    /** Keeps the state a guest call returned; on the actor's thread. */
    void keepState(byte[] newState) {
        this.state = newState;
    }

    ActorMetrics metrics() {
        return runner.metrics(loop.mailbox().depth(), chain.size(), restarts);
    }

    /** The lock that guards the life-cycle state, the mailbox and the running operation. */
    Object lock() {
        return lock;
    }

    /** Under the lock: the life-cycle state. */
    Lifecycle.State phase() {
        return phase;
    }

    OperationRunner runner() {
        return runner;
    }

    ActorLoop loop() {
        return loop;
    }

    ActorControl control() {
        return control;
    }

    ShutdownSignal shutdownSignal() {
        return shutdownSignal;
    }

    /** Queues {@code op} in the mailbox ({@link ActorLoop#offer}): a message that may wait for room. */
    CompletableFuture<Void> offer(Operation op, Duration wait) {
        return loop.offer(op, wait);
    }

    /** Takes a message back out of the operations waiting for room ({@link ActorLoop#withdraw}). */
    boolean withdraw(Operation op, ActorException reason) {
        return loop.withdraw(op, reason);
    }

    /** Waits, inside a host function of the running operation, for {@code future} ({@link ActorLoop#awaitInOperation}). */
    <T> T awaitInOperation(CompletableFuture<T> future, long timeoutNanos) throws ExecutionException, TimeoutException {
        return loop.awaitInOperation(future, timeoutNanos);
    }

    /** A supervised actor fails when an operation after {@code init} fails ({@link #failOnOperationFailure}). */
    void crashed(ActorException failure) {
        if (supervised) {
            crash = failure;
            fail(failure.getMessage());
        }
    }

    /** Completes when the actor is stopped or failed. */
    public CompletableFuture<Void> terminated() {
        return terminated.copy();
    }

    /** Counts a restart by a supervisor, for {@link ActorMetrics#restarts()}. */
    public void setRestarts(int restarts) {
        this.restarts = restarts;
    }

    /**
     * Makes this a supervised child, which crashes instead of carrying on: when an operation after {@code init}
     * traps, times out or returns an error, the actor fails (its parent decides what happens next). Call before
     * {@link #start}.
     */
    public void failOnOperationFailure() {
        this.supervised = true;
    }

    /** The operation failure that failed a supervised actor, if that is how it ended. */
    public Optional<ActorException> crash() {
        return Optional.ofNullable(crash);
    }

    /**
     * Finishes the spawn: takes the instance and the handlers, records {@code starting} in the chain with {@code
     * details}, queues {@code init} first, gives every handler its handles, then lets operations run. Returns the
     * future of {@code init}. When a handler's {@code start} throws, the actor fails and the exception propagates.
     *
     * @param details JSON values by key for the {@code starting} event (engine, module hash, manifest, ...)
     */
    public CompletableFuture<Object> start(WasmInstance instance, List<Handler> handlers, Map<String, String> details) {
        this.instance = requireNonNull(instance, "instance is null");
        this.handlers = List.copyOf(handlers);
        runner.instanceAttached(instance);
        status.recordStart(details);
        GuestCall init = GuestCall.init(this);
        loop.first(init);
        for (Handler handler : this.handlers) {
            try {
                handler.start(executor, controller, shutdownSignal);
            } catch (RuntimeException e) {
                abortStart(handler + " failed to start: " + messageOf(e));
                throw e;
            }
        }
        try {
            loop.start();
        } catch (RejectedExecutionException e) {
            // The runtime's threads are gone: nobody would ever run init or release this actor.
            abortStart("the runtime was closed before the actor could run");
            throw e;
        }
        return init.future;
    }

    private void abortStart(String reason) {
        ActorStatus end = new ActorStatus.Failed(reason);
        synchronized (lock) {
            apply(new Lifecycle.Finish(end));
        }
        finish(end);
    }

    /**
     * Ends an actor that was never started (its spawn was given up): releases {@code instance}, {@code handlers} and
     * the chain, leaves the runtime's registry and enters {@code Failed} with {@code reason}.
     */
    public void abandon(WasmInstance instance, List<Handler> handlers, String reason) {
        requireNonNull(reason, "reason is null");
        ActorStatus end = new ActorStatus.Failed(reason);
        synchronized (lock) {
            if (phase instanceof Lifecycle.Finishing || phase instanceof Lifecycle.Over) {
                return;
            }
            apply(new Lifecycle.Finish(end));
        }
        this.instance = requireNonNull(instance, "instance is null");
        this.handlers = List.copyOf(handlers);
        finish(end);
    }

    /**
     * Fails the actor for {@code reason} (final): a running operation is interrupted, queued ones fail with {@code
     * ChannelClosed}. Does nothing when the actor is already ending.
     */
    public void fail(String reason) {
        requireNonNull(reason, "reason is null");
        Runnable wake = null;
        ActorStatus finishNow = null;
        synchronized (lock) {
            switch (apply(new Lifecycle.Fail(reason, loop.running() != null, loop.drainScheduled()))) {
                case Lifecycle.Interrupt interrupt ->
                    wake = loop.interruptLocked(loop.running(), Operation.InterruptReason.FORCE_STOP);
                case Lifecycle.FinishAs finish -> {
                    apply(new Lifecycle.Finish(finish.end()));
                    finishNow = finish.end();
                }
                default -> {}
            }
        }
        if (wake != null) {
            wake.run();
        }
        // Otherwise the operation's thread, or the drain loop, finishes the actor.
        if (finishNow != null) {
            finish(finishNow);
        }
    }

    /** {@link #fail} on a pool thread: for callers that hold locks of their own (the chain writer's listener). */
    public void failAsync(String reason) {
        requireNonNull(reason, "reason is null");
        context.pool().execute(() -> fail(reason));
    }

    /** Releases everything and enters {@code end}. Runs once, by whoever moved the life cycle to Finishing. */
    void finish(ActorStatus end) {
        shutdownSignal.request();
        for (Handler handler : handlers) {
            try {
                handler.close();
            } catch (RuntimeException e) {
                LOG.warn("actor '{}' ({}): {} failed to close", name, id, handler, e);
            }
        }
        WasmInstance inst = instance;
        if (inst != null) {
            try {
                inst.close();
            } catch (RuntimeException e) {
                LOG.warn("actor '{}' ({}): closing its wasm instance failed", name, id, e);
            }
        }
        // Out of the runtime's registry before anyone can see the final status.
        onTerminated.accept(this);
        Mailbox.Dropped leftovers;
        CompletableFuture<Void> abandonedPause;
        synchronized (lock) {
            control.cancelEscalation();
            leftovers = loop.mailbox().clear();
            abandonedPause = phase.pendingPause();
            apply(new Lifecycle.Released());
        }
        leftovers.fail(closed(end));
        control.failPause(abandonedPause);
        try {
            chain.close();
        } catch (RuntimeException e) {
            LOG.warn("actor '{}' ({}): closing its chain failed", name, id, e);
        }
        if (end instanceof ActorStatus.Failed failed) {
            LOG.info("actor '{}' ({}) failed: {}", name, id, failed.reason());
        } else {
            LOG.info("actor '{}' ({}) stopped", name, id);
        }
        terminated.complete(null);
    }

    /**
     * Under the lock: hands {@code event} to the current state's transition function, enters the states it answers
     * (publishing and recording each status change) and returns what to do.
     */
    Lifecycle.Outcome apply(Lifecycle.Event event) {
        Lifecycle.Step step = phase.on(event);
        for (Lifecycle.Transition transition : step.transitions()) {
            ActorStatus before = phase.status();
            phase = transition.next();
            if (phase.status() != before) {
                status.publish(phase.status(), transition.reason());
            }
        }
        return step.outcome();
    }

    ActorException.ChannelClosed closed(ActorStatus s) {
        String why = s instanceof ActorStatus.Failed f
                ? "failed (" + f.reason() + ")"
                : s.isTerminal() ? "stopped" : "shutting down";
        return new ActorException.ChannelClosed(
                id, "actor '" + name + "' (" + id + ") is " + why + " and takes no new work");
    }

    static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
