package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.WasmInstance;
import dev.theater.manifest.Durations;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.ActorMetrics;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.Handler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running actor: wires its {@link Mailbox}, its {@link Lifecycle} state, its {@link OperationRunner}, its status
 * and chain ({@link StatusBoard}, {@link ActorChain}) and its {@link ActorHandles}, and runs the drain loop. See
 * {@code docs/runtime.md} for the life cycle and the interruption protocol.
 *
 * <p>Concurrency: one small lock ({@link #lock}) guards the mailbox, the life-cycle state, the scheduling flags and
 * the operation that is running; it is never held while guest code runs. Status, metrics and state are published
 * through volatile fields, so controller snapshots never take the lock. Operations run one at a time on threads of the
 * runtime's pool: a drain loop is scheduled when work arrives and ends when the mailbox is empty.
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
    private final Mailbox mailbox;
    private final StatusBoard status;
    private final OperationRunner runner;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ShutdownSignal shutdownSignal = new ShutdownSignal();

    /** Guarded by {@link #lock}. */
    private Lifecycle.State phase = Lifecycle.initial();
    /** Guarded by {@link #lock}: a drain loop runs or is queued. */
    private boolean drainScheduled;
    /** Guarded by {@link #lock}. */
    private Operation running;
    /** Guarded by {@link #lock}: the forced stop a shutdown's timeout brings. */
    private ScheduledFuture<?> escalation;

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
        this.mailbox = new Mailbox(id, name, manifestOrigin, mailboxLimit);
        this.status = new StatusBoard(id, name, chain, context.pool(), phase.status());
        this.runner = new OperationRunner(this, manifestOrigin, callTimeout);
        // Operations wait until start() has given every handler its handles.
        this.drainScheduled = true;
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
        return mailbox.limit();
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
        return runner.metrics(mailbox.depth(), chain.size(), restarts);
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
        synchronized (lock) {
            mailbox.add(init);
        }
        for (Handler handler : this.handlers) {
            try {
                handler.start(executor, controller, shutdownSignal);
            } catch (RuntimeException e) {
                abortStart(handler + " failed to start: " + messageOf(e));
                throw e;
            }
        }
        try {
            context.pool().execute(this::drain);
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
            switch (apply(new Lifecycle.Fail(reason, running != null, drainScheduled))) {
                case Lifecycle.Interrupt interrupt ->
                    wake = interruptLocked(running, Operation.InterruptReason.FORCE_STOP);
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

    // ---- the mailbox ----

    CompletableFuture<Object> submit(Operation op) {
        boolean schedule;
        synchronized (lock) {
            if (!phase.takesWork()) {
                op.future.completeExceptionally(closed(phase.status()));
                return op.future;
            }
            if (mailbox.isFull()) {
                op.future.completeExceptionally(mailbox.full(op));
                return op.future;
            }
            mailbox.add(op);
            schedule = scheduleDrainLocked();
        }
        if (schedule) {
            context.pool().execute(this::drain);
        }
        return op.future;
    }

    /**
     * Queues a message operation. When the mailbox is full, the operation waits for room, in order with the other
     * waiting ones and without holding a thread, for up to {@code wait}; then it fails with {@code MailboxFull}
     * naming this actor and its limit. The returned future completes when the operation is in the mailbox, and fails
     * (as the operation's own future does) when it never gets there. Failures complete outside the actor's lock, so
     * whatever depends on the operation's future may take other actors' locks.
     */
    CompletableFuture<Void> offer(Operation op, Duration wait) {
        ActorException refused = null;
        Mailbox.Waiting waiting = null;
        boolean schedule = false;
        synchronized (lock) {
            if (!phase.takesWork()) {
                refused = closed(phase.status());
            } else if (mailbox.mustWait()) {
                if (wait.isZero() || wait.isNegative()) {
                    refused = mailbox.full(op, Duration.ZERO);
                } else {
                    Mailbox.Waiting w = mailbox.park(op);
                    w.timer = context.timer().schedule(() -> expire(w, wait), wait.toNanos(), TimeUnit.NANOSECONDS);
                    waiting = w;
                }
            } else {
                mailbox.add(op);
                schedule = scheduleDrainLocked();
            }
        }
        if (refused != null) {
            op.future.completeExceptionally(refused);
            return CompletableFuture.failedFuture(refused);
        }
        if (schedule) {
            context.pool().execute(this::drain);
        }
        return waiting == null ? CompletableFuture.completedFuture(null) : waiting.admitted;
    }

    /**
     * Takes {@code op} back out of the operations waiting for room and fails it with {@code reason}; returns false
     * when it is no longer waiting (it is in the mailbox, or already failed).
     */
    boolean withdraw(Operation op, ActorException reason) {
        Mailbox.Waiting found;
        synchronized (lock) {
            found = mailbox.withdraw(op);
        }
        if (found == null) {
            return false;
        }
        found.fail(reason);
        return true;
    }

    private void expire(Mailbox.Waiting w, Duration wait) {
        synchronized (lock) {
            if (!mailbox.unpark(w)) {
                return;
            }
        }
        w.fail(mailbox.full(w.op, wait));
    }

    /** Under the lock: whether the caller must start a drain loop (none runs, and the actor is not paused). */
    private boolean scheduleDrainLocked() {
        if (drainScheduled || phase instanceof Lifecycle.Paused) {
            return false;
        }
        drainScheduled = true;
        return true;
    }

    /**
     * Blocks the running operation's thread, inside one of its host functions, until {@code future} completes or
     * {@code timeoutNanos} pass. When the operation is interrupted meanwhile (call timeout, {@code forceStop()}, the
     * actor failing) the wait ends at once with {@link OperationInterrupted}, which the host function must let
     * through: the operation then ends as {@code Timeout} or {@code Interrupted}.
     *
     * @throws ExecutionException when {@code future} fails
     * @throws TimeoutException when the time passes first
     */
    <T> T awaitInOperation(CompletableFuture<T> future, long timeoutNanos) throws ExecutionException, TimeoutException {
        CompletableFuture<T> waiter = new CompletableFuture<>();
        Operation op;
        Runnable wake = () -> waiter.completeExceptionally(new OperationInterrupted(this));
        synchronized (lock) {
            op = running;
            if (op == null) {
                throw new IllegalStateException("actor '" + name + "' (" + id + ") has no running operation to wait"
                        + " in; host functions that wait run only during an operation (init or later)");
            }
            if (op.interruptReason != null) {
                throw new OperationInterrupted(this);
            }
            op.wake = wake;
        }
        future.whenComplete((value, error) -> {
            if (error == null) {
                waiter.complete(value);
            } else {
                waiter.completeExceptionally(
                        error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error);
            }
        });
        try {
            return waiter.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterrupted(this);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OperationInterrupted stopped) {
                throw stopped;
            }
            throw e;
        } finally {
            synchronized (lock) {
                if (op.wake == wake) {
                    op.wake = null;
                }
            }
        }
    }

    // ---- the drain loop ----

    private void drain() {
        while (true) {
            Operation op = null;
            ActorStatus end = null;
            List<Mailbox.Waiting> admitted = List.of();
            synchronized (lock) {
                String next = mailbox.peekName();
                Instant now = context.clock().instant();
                if (next != null) {
                    runner.begin(next, now); // published before Processing: a snapshot never shows one without it
                }
                switch (apply(new Lifecycle.Next(next, now))) {
                    case Lifecycle.Run run -> {
                        op = mailbox.poll();
                        admitted = mailbox.admit();
                        running = op;
                    }
                    case Lifecycle.FinishAs finish -> {
                        runner.idle();
                        end = finish.end();
                        drainScheduled = false;
                        apply(new Lifecycle.Finish(end));
                    }
                    default -> {
                        runner.idle();
                        drainScheduled = false;
                        return;
                    }
                }
            }
            admitted.forEach(Mailbox.Waiting::admit);
            if (end != null) {
                finish(end);
                return;
            }
            if (!runOne(op)) {
                return;
            }
        }
    }

    /** Runs one operation; returns whether the drain loop goes on. */
    private boolean runOne(Operation op) {
        OperationRunner.Result result = runner.run(op);
        ActorException failure = result.failure();
        if (failure != null && supervised && OperationRunner.crashes(op, failure)) {
            crash = failure;
            fail(failure.getMessage()); // the lifecycle finishes the actor when the operation ends
        }
        return afterOperation(op, result);
    }

    /**
     * Moves the life cycle on after {@code op}, then completes its future: whoever waits for an operation sees the
     * actor's status after it (Idle, Paused, Stopped, Failed). Returns whether the drain loop goes on.
     */
    private boolean afterOperation(Operation op, OperationRunner.Result result) {
        CompletableFuture<Void> paused = null;
        ActorStatus end = null;
        synchronized (lock) {
            boolean init = op instanceof GuestCall call && call.isInit();
            switch (apply(new Lifecycle.Ended(op.name(), init, result.failure(), mailbox.isEmpty()))) {
                case Lifecycle.FinishAs finish -> {
                    end = finish.end();
                    drainScheduled = false;
                    apply(new Lifecycle.Finish(end));
                }
                case Lifecycle.PausedNow now -> {
                    paused = now.paused();
                    drainScheduled = false;
                }
                default -> {}
            }
        }
        if (end != null) {
            finish(end);
        }
        if (result.failure() == null) {
            op.future.complete(result.value());
        } else {
            op.future.completeExceptionally(result.failure());
        }
        if (paused != null) {
            paused.complete(null);
        }
        return end == null && paused == null;
    }

    /** The operation's call timeout passed: interrupts it, unless it already ended or was interrupted. */
    void interrupt(Operation op, Operation.InterruptReason reason) {
        Runnable wake;
        synchronized (lock) {
            if (running != op || op.interruptReason != null) {
                return;
            }
            wake = interruptLocked(op, reason);
        }
        if (wake != null) {
            wake.run();
        }
        LOG.debug("actor '{}' ({}) operation {} passed its call timeout; interrupting it", name, id, op.name());
    }

    /** Under the lock: asks the engine to stop {@code op}; returns what wakes a host function it waits in. */
    private Runnable interruptLocked(Operation op, Operation.InterruptReason reason) {
        if (op.interruptReason != null) {
            return null;
        }
        op.interruptReason = reason;
        if (op.runsGuestCode()) {
            instance.interrupt();
        }
        return op.wake;
    }

    /** The running operation returned: no interrupt meant for it reaches the next one. Returns why it was stopped. */
    Operation.InterruptReason endRunning(Operation op) {
        synchronized (lock) {
            Operation.InterruptReason reason = op.interruptReason;
            running = null;
            if (reason != null && op.runsGuestCode()) {
                instance.clearInterrupt();
            }
            return reason;
        }
    }

    // ---- control ----

    CompletableFuture<Void> pause() {
        synchronized (lock) {
            return switch (apply(new Lifecycle.Pause())) {
                case Lifecycle.Closed closed -> CompletableFuture.failedFuture(closed(closed.status()));
                case Lifecycle.AlreadyPaused already ->
                    CompletableFuture.failedFuture(new ActorException.AlreadyPaused(
                            id,
                            "actor '" + name + "' (" + id + ") is already "
                                    + (already.pending() ? "pausing (after its running operation)" : "paused")
                                    + "; call resume() to let it run again"));
                case Lifecycle.PauseLater later -> later.paused().copy();
                default -> CompletableFuture.completedFuture(null);
            };
        }
    }

    CompletableFuture<Void> resume() {
        boolean schedule = false;
        synchronized (lock) {
            switch (apply(new Lifecycle.Resume())) {
                case Lifecycle.Closed closed -> {
                    return CompletableFuture.failedFuture(closed(closed.status()));
                }
                case Lifecycle.NotPaused not -> {
                    return CompletableFuture.failedFuture(new ActorException.NotPaused(
                            id,
                            "actor '" + name + "' (" + id + ") is "
                                    + not.status().name()
                                    + ", not paused, so it cannot resume"
                                    + (not.pausePending()
                                            ? "; its pause takes effect when the running operation ends: resume after"
                                                    + " pause()'s future completes"
                                            : "")));
                }
                default -> schedule = !mailbox.isEmpty() && scheduleDrainLocked();
            }
        }
        if (schedule) {
            context.pool().execute(this::drain);
        }
        return CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> shutdown(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        boolean finishNow = false;
        boolean schedule = false;
        CompletableFuture<Void> abandonedPause = null;
        synchronized (lock) {
            String reason = "shutdown(" + Durations.describe(timeout) + ")";
            switch (apply(new Lifecycle.Shutdown(reason, running != null || drainScheduled, mailbox.isEmpty()))) {
                case Lifecycle.Closed closed -> {
                    return CompletableFuture.failedFuture(closed(closed.status()));
                }
                case Lifecycle.AlreadyEnding ending -> {
                    scheduleEscalation(timeout);
                    return terminated.copy();
                }
                case Lifecycle.ShuttingDownNow now -> {
                    abandonedPause = now.abandonedPause();
                    scheduleEscalation(timeout);
                    if (now.finishNow()) {
                        apply(new Lifecycle.Finish(new ActorStatus.Stopped()));
                        finishNow = true;
                    } else if (now.drain()) {
                        drainScheduled = true;
                        schedule = true;
                    }
                }
                default -> {}
            }
        }
        shutdownSignal.request();
        failPause(abandonedPause);
        if (schedule) {
            context.pool().execute(this::drain);
        }
        if (finishNow) {
            context.pool().execute(() -> finish(new ActorStatus.Stopped()));
        }
        return terminated.copy();
    }

    /** Under the lock: forces the stop when {@code timeout} passes, unless an earlier deadline is already set. */
    private void scheduleEscalation(Duration timeout) {
        long delay = Math.max(0, timeout.toNanos());
        if (escalation != null && escalation.getDelay(TimeUnit.NANOSECONDS) <= delay) {
            return;
        }
        if (escalation != null) {
            escalation.cancel(false);
        }
        escalation = context.timer().schedule(this::escalate, delay, TimeUnit.NANOSECONDS);
    }

    private void escalate() {
        LOG.debug("actor '{}' ({}) did not stop within its shutdown timeout; forcing it", name, id);
        forceStop();
    }

    CompletableFuture<Void> forceStop() {
        Mailbox.Dropped dropped = Mailbox.Dropped.NONE;
        Runnable wake = null;
        Operation victim = null;
        boolean finishNow = false;
        CompletableFuture<Void> abandonedPause = null;
        synchronized (lock) {
            switch (apply(new Lifecycle.ForceStop(running != null, drainScheduled))) {
                case Lifecycle.Closed closed -> {
                    return CompletableFuture.failedFuture(closed(closed.status()));
                }
                case Lifecycle.AlreadyEnding ending -> {
                    return terminated.copy();
                }
                case Lifecycle.Forced forced -> {
                    if (escalation != null) {
                        escalation.cancel(false);
                    }
                    dropped = mailbox.clear();
                    abandonedPause = forced.abandonedPause();
                    if (forced.interrupt()) {
                        victim = running;
                        Operation.InterruptReason previous = victim.interruptReason;
                        victim.interruptReason = Operation.InterruptReason.FORCE_STOP;
                        if (previous == null && victim.runsGuestCode()) {
                            instance.interrupt();
                        }
                        wake = victim.wake;
                    } else if (forced.finishNow()) {
                        apply(new Lifecycle.Finish(new ActorStatus.Stopped()));
                        finishNow = true;
                    }
                }
                default -> {}
            }
        }
        shutdownSignal.request();
        if (wake != null) {
            wake.run();
        }
        dropped.fail(closed(new ActorStatus.ShuttingDown()));
        failPause(abandonedPause);
        if (victim != null) {
            victim.future.completeExceptionally(runner.interrupted(victim, null));
        }
        if (finishNow) {
            context.pool().execute(() -> finish(new ActorStatus.Stopped()));
        }
        return terminated.copy();
    }

    private void failPause(CompletableFuture<Void> pending) {
        if (pending != null) {
            pending.completeExceptionally(closed(new ActorStatus.ShuttingDown()));
        }
    }

    /** Releases everything and enters {@code end}. Runs once, by whoever moved the life cycle to Finishing. */
    private void finish(ActorStatus end) {
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
            if (escalation != null) {
                escalation.cancel(false);
            }
            leftovers = mailbox.clear();
            abandonedPause = phase.pendingPause();
            apply(new Lifecycle.Released());
        }
        leftovers.fail(closed(end));
        failPause(abandonedPause);
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
    private Lifecycle.Outcome apply(Lifecycle.Event event) {
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

    private ActorException.ChannelClosed closed(ActorStatus s) {
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
